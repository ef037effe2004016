// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the samples spent their own time,
// by function and by package.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time not spent idle. */
  busyMs: number;
  functions: SelfTime[];
  packages: SelfTime[];
  /** Newsdesk's own functions (from dist/) by inclusive time: what each costs with its callees. */
  newsdeskInclusive: SelfTime[];
}

/** Newsdesk's own bundle, as opposed to the `dist/` folders of packages. */
function isNewsdesk(url: string): boolean {
  return url.includes('/dist/') && !url.includes('node_modules');
}

/** `nm:fastify`, `src/articles/...` or `node:...`: where a frame's code comes from. */
function origin(url: string): string {
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return `nm:${pkg[1]}`;
  if (url.startsWith('node:')) return 'node (built-in)';
  if (isNewsdesk(url)) return 'newsdesk (dist)';
  return url ? url : '(native / VM)';
}

function ranked(times: Map<string, number>, busy: number, top: number): SelfTime[] {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
}

/** Self time per function and per package, idle excluded from the shares. */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [i, id] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idle += delta;
      continue;
    }
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f || !isNewsdesk(f.url) || !f.functionName) continue;
      const key = `${f.functionName} dist:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
    }
    const file = frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/dist\//, 'dist/');
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const from = origin(frame.url);
    packages.set(from, (packages.get(from) ?? 0) + delta);
  }
  const busy = Math.max(1, total - idle);
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    functions: ranked(functions, busy, top),
    packages: ranked(packages, busy, 12),
    newsdeskInclusive: ranked(inclusive, busy, top),
  };
}
