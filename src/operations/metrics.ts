import cluster from 'node:cluster';
import client from 'prom-client';

/**
 * Prometheus metrics of one app instance. A registry per instance (not prom-client's global one)
 * keeps tests and several apps in one process apart. In a `serve --workers N` worker, the
 * registry is the one the primary collects from (see `cluster-metrics.ts`).
 */
/** `queued`: requests waiting for their turn (`src/http/admission.ts`). */
export function createMetrics(queued: () => number = () => 0) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  if (cluster.isWorker) {
    // Constructing one makes prom-client answer the primary's collection requests.
    new client.AggregatorRegistry();
    client.AggregatorRegistry.setRegistries([registry]);
  }
  const httpDuration = new client.Histogram({
    name: 'newsdesk_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status class',
    labelNames: ['route', 'method', 'status'] as const,
    // From 0.1 ms: a page served from the cache takes well under a millisecond.
    buckets: [
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
    ],
    registers: [registry],
  });
  const pageCache = new client.Counter({
    name: 'newsdesk_page_cache_total',
    help: 'Full-page cache lookups by result (hit, miss, bypass)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const comments = new client.Counter({
    name: 'newsdesk_comments_total',
    help: 'Comments received by resulting status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const publishes = new client.Counter({
    name: 'newsdesk_publish_total',
    help: 'Articles that went live (immediately or on schedule)',
    registers: [registry],
  });
  new client.Gauge({
    name: 'newsdesk_http_requests_waiting',
    help: 'Reads waiting for a turn (MAX_CONCURRENT_REQUESTS per process)',
    registers: [registry],
    collect() {
      this.set(queued());
    },
  });
  // One labelled child per route, method and status class: `labels()` builds new closures on every
  // call, garbage on every request (cache hits included, which otherwise make little).
  const durationByLabels = new Map<string, { observe(seconds: number): void }>();
  /** Times one answered request in the latency histogram (route pattern, method, status class). */
  const observeRequest = (route: string, method: string, status: number, seconds: number) => {
    const statusClass = `${Math.floor(status / 100)}xx`;
    const key = `${route} ${method} ${statusClass}`;
    let child = durationByLabels.get(key);
    if (child === undefined) {
      child = httpDuration.labels(route, method, statusClass);
      durationByLabels.set(key, child);
    }
    child.observe(seconds);
  };
  return { registry, observeRequest, pageCache, comments, publishes };
}

export type Metrics = ReturnType<typeof createMetrics>;
