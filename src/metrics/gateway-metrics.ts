// The gateway's Prometheus metrics, on a registry of its own per app (tests build many apps in one
// process; prom-client's global registry would mix them). Every label is bounded: route templates
// (never concrete paths), HTTP status codes, GraphQL root fields of the schema, and credential ids
// capped by boundedLabel. No label ever carries a key, a token or a domain name.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { boundedLabel } from './bounded-labels.js'

// Seconds: from a cached read (1 ms) to OVH's slowest answers and the gateway's timeout.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

// Credential ids exported with their own series before they share `other`.
export const MAX_CREDENTIAL_SERIES = 500

export interface PoolStats {
  total: number
  idle: number
  waiting: number
}

export interface MetricsSources {
  // The database pool's connections right now.
  pool?: () => PoolStats | undefined
  // The budget left to the consumer keys seen, by credential id.
  budgetRemaining?: (credentialIds: readonly string[]) => Promise<Map<string, number>>
  // Whether the last OVH reachability check succeeded (1) or not (0); undefined before the first.
  ovhReachable?: () => number | undefined
}

export function createGatewayMetrics () {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const credentialLabel = boundedLabel(MAX_CREDENTIAL_SERIES)
  const credentialsSeen = new Set<string>()
  const sources: MetricsSources = {}

  const httpDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry]
  })
  const graphqlDuration = new Histogram({
    name: 'gateway_graphql_operation_duration_seconds',
    help: 'GraphQL operations by type and first root field (the schema bounds both), and outcome',
    labelNames: ['type', 'field', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry]
  })
  const ovhCalls = new Counter({
    name: 'gateway_ovh_calls_total',
    help: 'HTTP attempts made to OVH, by method, route template, status (0: no answer) and attempt (first or retry)',
    labelNames: ['method', 'route', 'status', 'attempt'] as const,
    registers: [registry]
  })
  const ovhDuration = new Histogram({
    name: 'gateway_ovh_call_duration_seconds',
    help: 'Duration of HTTP attempts made to OVH, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry]
  })
  const budgetRefusals = new Counter({
    name: 'gateway_ovh_budget_refusals_total',
    help: 'OVH calls refused before they were made because the consumer key\'s budget was spent, by credential id',
    labelNames: ['credential'] as const,
    registers: [registry]
  })
  // eslint-disable-next-line no-new -- registered with the registry, read through collect()
  new Gauge({
    name: 'gateway_ovh_budget_remaining',
    help: 'OVH calls a consumer key may still make in the current window, by credential id',
    labelNames: ['credential'] as const,
    registers: [registry],
    async collect () {
      this.reset()
      if (sources.budgetRemaining === undefined) return
      const remaining = await sources.budgetRemaining([...credentialsSeen])
      for (const [id, left] of remaining) this.set({ credential: credentialLabel(id) }, left)
    }
  })
  // eslint-disable-next-line no-new -- registered with the registry, read through collect()
  new Gauge({
    name: 'gateway_db_pool_connections',
    help: 'Database pool connections by state (idle, busy) and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect () {
      const stats = sources.pool?.()
      if (stats === undefined) return
      this.set({ state: 'idle' }, stats.idle)
      this.set({ state: 'busy' }, stats.total - stats.idle)
      this.set({ state: 'waiting' }, stats.waiting)
    }
  })
  // eslint-disable-next-line no-new -- registered with the registry, read through collect()
  new Gauge({
    name: 'gateway_ovh_reachable',
    help: 'Whether the last check of the default OVH endpoint succeeded (1) or failed (0)',
    registers: [registry],
    collect () {
      const reachable = sources.ovhReachable?.()
      if (reachable !== undefined) this.set(reachable)
    }
  })

  return {
    registry,
    /** Plugs in what gauges read when scraped (the pool, the budget, the OVH check). */
    source (more: MetricsSources): void {
      Object.assign(sources, more)
    },
    http (method: string, route: string, status: number, seconds: number): void {
      httpDuration.observe({ method, route, status: String(status) }, seconds)
    },
    graphql (type: string, field: string, outcome: 'ok' | 'error', seconds: number): void {
      graphqlDuration.observe({ type, field, outcome }, seconds)
    },
    ovhCall (call: { method: string, route: string, status: number, attempt: number, durationMs: number }): void {
      ovhCalls.inc({ method: call.method, route: call.route, status: String(call.status), attempt: call.attempt > 1 ? 'retry' : 'first' })
      ovhDuration.observe({ method: call.method, route: call.route }, call.durationMs / 1000)
    },
    /** A consumer key spent calls: its remaining budget is exported from now on. */
    credentialUsed (credentialId: string): void {
      if (credentialsSeen.size < MAX_CREDENTIAL_SERIES || credentialsSeen.has(credentialId)) credentialsSeen.add(credentialId)
    },
    budgetRefused (credentialId: string): void {
      budgetRefusals.inc({ credential: credentialLabel(credentialId) })
    }
  }
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>
