// The ceiling for a Node process: a bare node:http server answering each path with bytes captured
// from Newsdesk, straight from memory. Runs in its own process so it never shares an event loop
// with the load generator.
//
//   tsx bench/baseline-server.ts <pages.json> <port> [workers]
//
// With `workers` above 1, node:cluster runs that many such processes on the port, as
// `newsdesk serve --workers N` does: the ceiling for Newsdesk at the same worker count.
//
// pages.json: { "/path/": { "headers": { name: value }, "body": "<!DOCTYPE html>..." } }
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';

interface CapturedPage {
  headers: Record<string, string>;
  body: string;
}

const [pagesFile, portArg, workersArg] = process.argv.slice(2);
if (!pagesFile || !portArg) {
  console.error('usage: baseline-server.ts <pages.json> <port> [workers]');
  process.exit(2);
}
const pagesPath: string = pagesFile;

const workers = Number(workersArg ?? 1);
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  const stopAll = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 500);
  };
  process.once('SIGTERM', stopAll);
  process.once('SIGINT', stopAll);
} else {
  serveCaptured();
}

function serveCaptured(): void {
  const captured = JSON.parse(readFileSync(pagesPath, 'utf8')) as Record<string, CapturedPage>;
  const pages = new Map<string, { headers: OutgoingHttpHeaders; body: Buffer }>();
  for (const [path, page] of Object.entries(captured)) {
    const body = Buffer.from(page.body, 'utf8');
    pages.set(path, { headers: { ...page.headers, 'content-length': body.length }, body });
  }

  const server = createServer((req, res) => {
    const page = pages.get(req.url ?? '');
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not captured');
      return;
    }
    res.writeHead(200, page.headers).end(page.body);
  });
  server.keepAliveTimeout = 72_000;
  server.listen(Number(portArg), '127.0.0.1');

  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
