import { createRequire } from 'node:module';

export interface Progress {
  /** `status` is extra text shown after the figures, such as a rate ("1,234 items/s"). */
  update(done: number, total: number, status?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** How `done/total` is written: plain counts (default) or megabytes, for byte progress. */
  unit?: 'count' | 'bytes';
}

function amount(done: number, total: number, unit: ProgressOptions['unit']): string {
  if (unit !== 'bytes') return `${done}/${total}`;
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  return `${mb(done)}/${mb(total)} MB`;
}

/** "1m 05s" for an ETA in plain-text progress lines. */
function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * A progress bar on a terminal; plain "label: done/total" lines (at most one every ~10%) when
 * output is a file or pipe, so logs stay readable. With a `status`, plain lines add it and an
 * estimate of the time left.
 */
export function createProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  options: ProgressOptions = {},
): Progress {
  if (stream.isTTY) {
    // Loaded on first use: `serve` imports the CLI program but never draws a bar.
    const cliProgress = createRequire(import.meta.url)(
      'cli-progress',
    ) as typeof import('cli-progress');
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {amount}{status} | {eta_formatted} left`,
        stream,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, status) {
        const payload = {
          amount: amount(done, total, options.unit),
          status: status ? ` | ${status}` : '',
        };
        if (!started) {
          bar.start(total, 0, payload);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done, payload);
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  const startedAt = Date.now();
  return {
    update(done, total, status) {
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (tenth === lastTenth && done !== total) return;
      lastTenth = tenth;
      let line = `${label}: ${amount(done, total, options.unit)}`;
      if (status) {
        const elapsed = (Date.now() - startedAt) / 1000;
        const left = done > 0 && total > done ? (elapsed * (total - done)) / done : 0;
        line += `, ${status}${left > 0 ? `, about ${duration(left)} left` : ''}`;
      }
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}
