import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingService } from './services-available.js';

export const VNU_JAR = join(process.cwd(), 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/** The skip reason when Java is missing, or false when the Nu checker can run. */
export function javaSkip(): string | false {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return probe.status === 0
    ? false
    : missingService('Java', 'the Nu HTML checker (vnu.jar) needs `java` on the PATH');
}

/** One message of the Nu checker's JSON output. */
export interface VnuMessage {
  type: string;
  subType?: string;
  message: string;
  extract?: string;
  lastLine?: number;
  firstColumn?: number;
}

/**
 * Checks several HTML documents with ONE run of the Nu HTML checker (the JVM start is the slow
 * part) and returns the errors per document name; a document without errors maps to [].
 */
export async function validateHtml(
  documents: Record<string, string>,
): Promise<Map<string, VnuMessage[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-vnu-'));
  try {
    const fileFor = new Map<string, string>();
    for (const [name, html] of Object.entries(documents)) {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, html);
      fileFor.set(file, name);
    }
    const output = await runVnu(['--format', 'json', '--errors-only', ...fileFor.keys()]);
    const report = JSON.parse(output) as { messages: (VnuMessage & { url?: string })[] };
    const byName = new Map<string, VnuMessage[]>(Object.keys(documents).map((n) => [n, []]));
    for (const message of report.messages) {
      const file = message.url ? decodeURIComponent(new URL(message.url).pathname) : '';
      const name = fileFor.get(file);
      // A message about no particular file (a checker failure) must not pass silently.
      if (name === undefined) throw new Error(`vnu: ${message.type}: ${message.message}`);
      byName.get(name)!.push(message);
    }
    return byName;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs vnu.jar and resolves with its JSON report, which it writes to stderr. */
function runVnu(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-jar', VNU_JAR, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    // vnu exits 1 when it found errors; the report says which, so only a missing report is a failure.
    child.once('close', (code) => {
      if (stderr.trimStart().startsWith('{')) resolve(stderr);
      else
        reject(
          new Error(`vnu exited with ${code} without a JSON report: ${stderr.slice(0, 2000)}`),
        );
    });
  });
}

/** Formats errors as `name:line:column message [extract]` lines for a failing assertion. */
export function formatVnuErrors(errors: Map<string, VnuMessage[]>): string {
  const lines: string[] = [];
  for (const [name, messages] of errors) {
    for (const m of messages) {
      const where = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? 0}` : '';
      const extract = m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim()}]` : '';
      lines.push(`${name}${where} ${m.message}${extract}`);
    }
  }
  return lines.join('\n');
}
