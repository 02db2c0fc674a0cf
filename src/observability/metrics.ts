import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one process. The API records requests and queue depths; a worker process records
 * job durations and plan costs and serves them on its own port.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  jobDuration: Histogram<'queue' | 'outcome'>;
  planCost: Histogram<'planner'>;
  queueDepth: Gauge<'queue' | 'state'>;
}

export function createMetrics(options: { queueDepths?: () => Promise<{ queue: string; state: string; count: number }[]> } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'coldlink_' });
  return {
    registry,
    httpRequests: new Counter({ name: 'coldlink_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'coldlink_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    jobDuration: new Histogram({ name: 'coldlink_job_duration_seconds', help: 'Queue job processing time', labelNames: ['queue', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120], registers: [registry] }),
    planCost: new Histogram({ name: 'coldlink_plan_cost_yuan', help: 'Total cold-chain cost of each plan, in yuan', labelNames: ['planner'],
      buckets: [100, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000], registers: [registry] }),
    queueDepth: new Gauge({
      name: 'coldlink_queue_jobs', help: 'Jobs per queue and state', labelNames: ['queue', 'state'], registers: [registry],
      async collect() {
        if (!options.queueDepths) return;
        this.reset();
        for (const d of await options.queueDepths().catch(() => [])) this.set({ queue: d.queue, state: d.state }, d.count);
      },
    }),
  };
}
