// The order steps' pure parts, without an app or a database: where a rule check's error lands in
// an order's input, and which failures around the ordering call make its outcome unknown.
import t from 'tap'
import { orderFieldOf } from '../../../src/modules/orders/order-flow.js'
import { afterOrdering, AmbiguousOutcome, decisive } from '../../../src/modules/orders/idempotency.js'
import { OvhApiError, OvhTransportError } from '../../../src/ovh/index.js'

t.test('rule errors land on the order\'s own input paths', async t => {
  t.equal(orderFieldOf('owner.address.city'), 'owner.contact.address.city', 'the owner\'s data, given inline or stored')
  t.equal(orderFieldOf('owner.email', { ownerFromAccount: true }), 'owner', 'an owner OVH builds from the account\'s NIC')
  t.equal(orderFieldOf('adminAccount.city'), 'adminAccount')
  t.equal(orderFieldOf('techAccount.phone'), 'techAccount')
  t.equal(orderFieldOf('extras.acceptCondition'), 'acceptConditions')
  t.equal(orderFieldOf('extras.authInfo'), 'authInfo')
  t.equal(orderFieldOf('domain.authInfo'), 'authInfo')
  t.equal(orderFieldOf('domain'), 'domain', 'anything else keeps its field')
  t.equal(orderFieldOf('ownerLegalAge'), 'ownerLegalAge', 'a field that only starts like owner stays as it is')
})

const context = { method: 'POST', route: '/order/cart/{cartId}/checkout' }
const timeout = () => new OvhTransportError({ kind: 'timeout', message: 'timed out', ...context })
const apiError = (status: number) => new OvhApiError({ status, message: `HTTP ${status}`, ...context })

t.test('the ordering call: a lost or failed answer is ambiguous, a refusal is not', async t => {
  t.equal(await decisive(async () => 42), 42)
  for (const err of [timeout(), new OvhTransportError({ kind: 'connection', message: 'reset', ...context }), apiError(500), apiError(503)]) {
    const caught = await decisive(async () => { throw err }).catch((e: unknown) => e)
    t.type(caught, AmbiguousOutcome, `${err.name} ${(err as { status?: number }).status ?? (err as { kind?: string }).kind}`)
    t.equal((caught as AmbiguousOutcome).original, err, 'with what happened')
  }
  const refused = apiError(400)
  t.equal(await decisive(async () => { throw refused }).catch((e: unknown) => e), refused, 'OVH refused: nothing was done')
  const bug = new TypeError('ours')
  t.equal(await decisive(async () => { throw bug }).catch((e: unknown) => e), bug, 'not an upstream failure')
})

t.test('any failure after the ordering call is ambiguous: the order exists', async t => {
  t.equal(await afterOrdering(async () => 'recorded'), 'recorded')
  for (const err of [apiError(400), new Error('database down')]) {
    const caught = await afterOrdering(async () => { throw err }).catch((e: unknown) => e)
    t.type(caught, AmbiguousOutcome)
    t.equal((caught as AmbiguousOutcome).original, err)
  }
})
