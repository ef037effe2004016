import { existsSync } from 'node:fs';
import net from 'node:net';

/**
 * Decides what a test that needs an outside service does when it is missing: with REQUIRE_ALL=1
 * (CI) it fails; otherwise it is skipped with a loud reason naming the service.
 */
export function missingService(name: string, why: string): string {
  const message = `${name} is not available (${why})`;
  if (process.env.REQUIRE_ALL === '1')
    throw new Error(`${message}; REQUIRE_ALL=1 makes this a failure`);
  process.stderr.write(`\n*** SKIPPED: ${message} ***\n`);
  return `needs ${name}: ${why}`;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The skip reason when Chromium is missing, or false when it is there. */
export function chromiumSkip(): string | false {
  return existsSync(CHROMIUM_PATH)
    ? false
    : missingService('Chromium', `${CHROMIUM_PATH} not found; install Debian's chromium`);
}

/** True when something accepts TCP connections at host:port within a short time. */
export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
