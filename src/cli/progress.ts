import cliProgress from 'cli-progress';

export interface ProgressBar { update(value: number): void; increment(by?: number): void }
export interface Progress { bar(name: string, total: number, unit: string): ProgressBar; stop(): void }

/**
 * Live bars on a terminal; on a pipe or in CI (where bars cannot redraw) one line per quarter instead,
 * so logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  if (stream.isTTY) {
    const multi = new cliProgress.MultiBar({ format: ' {name} |{bar}| {value}/{total} {unit}', hideCursor: true, clearOnComplete: false,
      stream }, cliProgress.Presets.shades_classic);
    return {
      bar(name, total, unit) {
        const bar = multi.create(total, 0, { name: name.padEnd(20), unit });
        return { update: (v) => bar.update(v), increment: (by = 1) => bar.increment(by) };
      },
      stop: () => multi.stop(),
    };
  }
  return {
    bar(name, total, unit) {
      let value = 0;
      let lastQuarter = -1;
      const report = () => {
        const quarter = total === 0 ? 4 : Math.floor((value / total) * 4);
        if (quarter > lastQuarter) {
          lastQuarter = quarter;
          stream.write(` ${name}: ${value}/${total} ${unit}\n`);
        }
      };
      return { update: (v) => { value = v; report(); }, increment: (by = 1) => { value += by; report(); } };
    },
    stop: () => undefined,
  };
}
