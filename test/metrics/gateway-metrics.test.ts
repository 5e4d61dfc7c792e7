// The metrics' bounds: a label fed by data (credential ids) keeps at most MAX_CREDENTIAL_SERIES
// series of its own, and the rest share `other`.
import t from 'tap'
import { createGatewayMetrics, MAX_CREDENTIAL_SERIES } from '../../src/metrics/gateway-metrics.js'
import { boundedLabel, OVERFLOW_LABEL } from '../../src/metrics/bounded-labels.js'
import { operationLabel } from '../../src/metrics/graphql-operation.js'
import { parse } from 'graphql'

t.test('a bounded label keeps the first values and folds the rest into one', async t => {
  const label = boundedLabel(2)
  t.same(['a', 'b', 'c', 'a', 'd', 'b'].map(label), ['a', 'b', OVERFLOW_LABEL, 'a', OVERFLOW_LABEL, 'b'])
})

t.test('refusals and budgets of many credentials stay within the series bound', async t => {
  const metrics = createGatewayMetrics()
  const ids = Array.from({ length: MAX_CREDENTIAL_SERIES + 300 }, (_, i) => `credential-${i}`)
  for (const id of ids) {
    metrics.credentialUsed(id)
    metrics.budgetRefused(id)
  }
  metrics.source({ budgetRemaining: async seen => new Map(seen.map(id => [id, 7])) })
  const text = await metrics.registry.metrics()
  const refusals = text.split('\n').filter(line => line.startsWith('gateway_ovh_budget_refusals_total{'))
  t.equal(refusals.length, MAX_CREDENTIAL_SERIES + 1, 'one series per credential up to the bound, then `other`')
  t.ok(refusals.includes(`gateway_ovh_budget_refusals_total{credential="${OVERFLOW_LABEL}"} 300`))
  const remaining = text.split('\n').filter(line => line.startsWith('gateway_ovh_budget_remaining{'))
  t.equal(remaining.length, MAX_CREDENTIAL_SERIES)
})

t.test('a GraphQL operation is labelled by its type and first root field, never its name', async t => {
  t.same(operationLabel(parse('query Anything { domains { totalCount } me { role } }')), { type: 'query', field: 'domains' })
  t.same(operationLabel(parse('query A { me { role } } mutation B { orderDomain { orderId } }'), 'B'), { type: 'mutation', field: 'orderDomain' })
  t.same(operationLabel(parse('{ __schema { types { name } } }')), { type: 'query', field: '__introspection' })
  t.same(operationLabel(parse('query { ...F } fragment F on Query { me { role } }')), { type: 'query', field: 'fragment' })
  t.same(operationLabel(parse('fragment F on Query { me { role } }')), { type: 'none', field: 'none' })
})
