// Developer runner for the solve command: npx tsx bench/solve-cli.ts INSTANCE [options]
import { Command } from 'commander';
import { register } from '../src/cli/commands/solve.command';

const program = new Command();
register(program);
program.parseAsync(['solve', ...process.argv.slice(2)], { from: 'user' }).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
