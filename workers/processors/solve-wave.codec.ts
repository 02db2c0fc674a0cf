import type { PlanDocument } from '../../src/core/plan/plan.types';
import type { TravelByProfile } from '../../src/core/plan/travel';
import type { WaveInput } from '../../src/core/plan/wave-input.types';

/**
 * The message between the plan-wave job (I/O, in the worker process) and the solve-wave job (pure CPU, in a
 * sandboxed child process): the wave's input in, the plan out, both as JSON. Travel matrices travel as
 * base64 Float64 (little-endian, row-major) because JSON has no Infinity, which marks unreachable pairs.
 */
export { SOLVE_WAVE_QUEUE } from '../../src/queue/queue-names';

export interface EncodedMatrix { siteIds: string[]; timeF64: string; distanceF64: string }

export interface SolveWaveRequest {
  waveId: string;
  input: Omit<WaveInput, 'travel'>;
  travel?: Record<string, EncodedMatrix>;
  /** The seed and budget define the plan: they are part of the request, not of the child's configuration. */
  options: { seed: number; iterations?: number; timeLimitSeconds?: number };
}

export type SolveWaveResult =
  | { ok: true; plan: PlanDocument; iterations: number; solveIterations: number[]; solverPid: number }
  /** The core refused the wave's data: retrying cannot help, the wave is marked failed. */
  | { ok: false; error: string; solverPid: number };

function toBase64(values: ArrayLike<number>): string {
  const array = values instanceof Float64Array ? values : Float64Array.from(values);
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64(text: string, expected: number, what: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== expected * 8) throw new Error(`workers/solve-wave: ${what} has ${bytes.byteLength / 8} entries, expected ${expected}`);
  // Copied into a fresh buffer: a pooled Buffer's offset need not be 8-byte aligned.
  return new Float64Array(Uint8Array.from(bytes).buffer);
}

export function encodeSolveRequest(waveId: string, input: WaveInput, options: SolveWaveRequest['options']): SolveWaveRequest {
  const { travel, ...rest } = input;
  return {
    waveId, input: rest, options,
    ...(travel ? { travel: Object.fromEntries(Object.entries(travel).map(([profile, m]) =>
      [profile, { siteIds: [...m.siteIds], timeF64: toBase64(m.time), distanceF64: toBase64(m.distance) }])) } : {}),
  };
}

/** The request back into the core's WaveInput; throws, naming the part, on a malformed message. */
export function decodeSolveRequest(data: unknown): { waveId: string; input: WaveInput; options: SolveWaveRequest['options'] } {
  const request = data as Partial<SolveWaveRequest> | null;
  if (!request || typeof request.waveId !== 'string') throw new Error('workers/solve-wave: request must carry waveId');
  if (!request.input || typeof request.input !== 'object' || !Array.isArray(request.input.items)) throw new Error('workers/solve-wave: request must carry the wave input');
  if (!request.options || !Number.isInteger(request.options.seed)) throw new Error('workers/solve-wave: request must carry an integer options.seed');
  let travel: TravelByProfile | undefined;
  if (request.travel) {
    travel = Object.fromEntries(Object.entries(request.travel).map(([profile, m]) => {
      const n = m.siteIds.length * m.siteIds.length;
      return [profile, { siteIds: m.siteIds, time: fromBase64(m.timeF64, n, `travel.${profile}.time`), distance: fromBase64(m.distanceF64, n, `travel.${profile}.distance`) }];
    }));
  }
  return { waveId: request.waveId, input: { ...request.input, ...(travel ? { travel } : {}) } as WaveInput, options: request.options };
}
