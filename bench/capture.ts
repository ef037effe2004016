// The exact bytes and headers Newsdesk answered for each path, so reference servers (node:http,
// nginx) can serve the same response in the same run.
export interface Captured {
  headers: Record<string, string>;
  body: string;
}

/** Headers that belong to one connection or one moment, not to the page. */
const PER_RESPONSE = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
]);

export async function capture(origin: string, paths: string[]): Promise<Record<string, Captured>> {
  const out: Record<string, Captured> = {};
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const res = await fetch(origin + path, {
        headers: { 'accept-encoding': 'identity' },
        redirect: 'manual',
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        if (!PER_RESPONSE.has(name)) headers[name] = value;
      });
      out[path] = { headers, body };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}
