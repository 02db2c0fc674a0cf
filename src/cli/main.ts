import { Command, CommanderError } from 'commander';
import { register as registerKeys } from './commands/keys.command';
import { register as registerMatch } from './commands/match.command';
import { register as registerNetwork } from './commands/network.command';
import { register as registerPlan } from './commands/plan.command';
import { register as registerSolve } from './commands/solve.command';
import { register as registerSplit } from './commands/split.command';

/** The explicit list of commands; each lives in its own file under commands/. */
const commands: ((program: Command) => void)[] = [registerKeys, registerMatch, registerNetwork, registerPlan, registerSolve, registerSplit];

export function buildProgram(): Command {
  const program = new Command('coldlink')
    .description('coldlink — livestream orders to filled orders, three-tier cold-chain routes and a fair cost split')
    .version(require('../../package.json').version)
    .showHelpAfterError(false)
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI and exits: 0 on success, 1 with a one-line error on bad input. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      process.exit(error.exitCode);
    }
    process.stderr.write(`coldlink: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
