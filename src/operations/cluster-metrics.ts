import cluster, { type Worker } from 'node:cluster';
import type { AggregatorRegistry, RegistryContentType } from 'prom-client';
import type { Metrics } from './metrics.js';

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

/**
 * In the cluster primary: answers a worker's `metricsText` request with every worker's sum. The
 * primary loads nothing of the app, so prom-client is only loaded at the first scrape.
 */
export function answerClusterMetrics(): (worker: Worker, message: unknown) => void {
  let aggregator: Promise<AggregatorRegistry<RegistryContentType>> | undefined;
  return (worker, message) => {
    const request = message as Partial<MetricsRequest> | null;
    if (request?.type !== METRICS_REQUEST || typeof request.id !== 'number') return;
    const id = request.id;
    const reply = (answer: MetricsAnswer) => {
      if (worker.isConnected()) worker.send(answer, undefined, () => {});
    };
    aggregator ??= import('prom-client').then(
      ({ default: client }) => new client.AggregatorRegistry(),
    );
    aggregator
      .then((registry) => registry.clusterMetrics())
      .then(
        (text) => reply({ type: METRICS_ANSWER, id, text }),
        (error: unknown) => reply({ type: METRICS_ANSWER, id, error: String(error) }),
      );
  };
}
