import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { planWave } from '../../src/core/routing/wave/plan-wave';
import { decodeSolveRequest, type SolveWaveResult } from './solve-wave.codec';

/**
 * The solve-wave job, run by BullMQ in a sandboxed child process (loaded through solve-wave.sandbox.cjs):
 * the wave's input in, the plan out, nothing else. It touches no database and reads no configuration, so a
 * long solve holds only this process's CPU while the worker process keeps renewing locks and running jobs.
 */
export default async function solveWave(job: SandboxedJob): Promise<SolveWaveResult> {
  let request: ReturnType<typeof decodeSolveRequest>;
  try {
    request = decodeSolveRequest(job.data);
  } catch (error) {
    throw new UnrecoverableError((error as Error).message);
  }
  try {
    const { plan, iterations, solveIterations } = planWave(request.input, request.options);
    return { ok: true, plan, iterations, solveIterations, solverPid: process.pid };
  } catch (error) {
    // The core refuses the wave's data (no hub, a site off the network…): an answer, not a crash to retry.
    return { ok: false, error: (error as Error).message, solverPid: process.pid };
  }
}
