import cluster, { type Worker } from 'node:cluster';
import client from 'prom-client';

/** A worker's request to the cluster primary for every worker's metrics, summed. */
const METRICS_REQUEST = 'newsdesk:metrics-request';
const METRICS_ANSWER = 'newsdesk:metrics-answer';
const CLUSTER_TIMEOUT_MS = 5_000;

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}
interface MetricsAnswer {
  type: typeof METRICS_ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/**
 * Prometheus metrics of one app instance. A registry per instance (not prom-client's global one)
 * keeps tests and several apps in one process apart. In a `serve --workers N` worker, the
 * registry is the one the primary collects from (see `metricsText`).
 */
export function createMetrics() {
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
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
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
  return { registry, httpDuration, pageCache, comments, publishes };
}

export type Metrics = ReturnType<typeof createMetrics>;

let lastRequestId = 0;
const waiting = new Map<number, (answer: MetricsAnswer) => void>();
let listening = false;

/**
 * The metrics text of the whole site served by this process: its own registry, or in a cluster
 * worker every worker's, summed by the primary. A scrape reaches whichever worker the primary
 * hands the connection to; answering with that worker's counters alone would make them jump
 * between scrapes (and read as resets).
 */
export async function metricsText(metrics: Metrics): Promise<string> {
  if (!cluster.isWorker || !process.send) return metrics.registry.metrics();
  if (!listening) {
    process.on('message', onAnswer);
    listening = true;
  }
  const id = ++lastRequestId;
  const answer = await new Promise<MetricsAnswer>((resolve) => {
    const timer = setTimeout(
      () => resolve({ type: METRICS_ANSWER, id, error: 'the primary did not answer' }),
      CLUSTER_TIMEOUT_MS,
    );
    waiting.set(id, (a) => {
      clearTimeout(timer);
      resolve(a);
    });
    process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
  });
  waiting.delete(id);
  if (answer.text === undefined) throw new Error(`cluster metrics: ${answer.error}`);
  return answer.text;
}

function onAnswer(message: unknown) {
  const answer = message as Partial<MetricsAnswer> | null;
  if (answer?.type !== METRICS_ANSWER || typeof answer.id !== 'number') return;
  waiting.get(answer.id)?.(answer as MetricsAnswer);
}

/** In the cluster primary: answers a worker's `metricsText` request with every worker's sum. */
export function answerClusterMetrics(): (worker: Worker, message: unknown) => void {
  let aggregator: client.AggregatorRegistry<client.RegistryContentType> | undefined;
  return (worker, message) => {
    const request = message as Partial<MetricsRequest> | null;
    if (request?.type !== METRICS_REQUEST || typeof request.id !== 'number') return;
    const id = request.id;
    const reply = (answer: MetricsAnswer) => {
      if (worker.isConnected()) worker.send(answer, undefined, () => {});
    };
    aggregator ??= new client.AggregatorRegistry();
    aggregator.clusterMetrics().then(
      (text) => reply({ type: METRICS_ANSWER, id, text }),
      (error: unknown) => reply({ type: METRICS_ANSWER, id, error: String(error) }),
    );
  };
}
