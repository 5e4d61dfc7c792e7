// Idempotency keys and request fingerprints, without an app or a database: which keys are taken,
// and which requests count as "the same request" for a key.
import t from 'tap'
import { checkIdempotencyKey, fingerprintOf, IDEMPOTENCY_KEY_FORMAT } from '../../../src/modules/orders/idempotency.js'
import { IdempotencyKeyHeader } from '../../../src/modules/orders/idempotency-header.js'

t.test('idempotency keys: 1 to 255 printable ASCII characters, no spaces', async t => {
  for (const key of ['a', '3f2b6c1e-9d7a-4e2b-8c1d-0a9b8c7d6e5f', 'order:42/retry#1', '~'.repeat(255)]) t.equal(checkIdempotencyKey(key), key)
  for (const key of [undefined, null, '', 'has spaces', 'tab\there', 'é', 'x'.repeat(256), 'line\n']) {
    t.throws(() => checkIdempotencyKey(key), { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'idempotencyKey' }] } }, JSON.stringify(key))
  }
  t.throws(() => checkIdempotencyKey('', 'headers.idempotency-key'), { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'headers.idempotency-key' }] } }, 'on the field given')
  t.equal(IdempotencyKeyHeader.shape['idempotency-key'].safeParse(undefined).success, true, 'the REST header lets a missing key through to the service')
  t.ok(IDEMPOTENCY_KEY_FORMAT.test('k') && !IDEMPOTENCY_KEY_FORMAT.test('k k'))
})

t.test('fingerprints: the same request whatever the order of its fields', async t => {
  const args = { cartId: 'c1', options: { autoPay: true, payment: { paymentMethodId: 3 } }, domains: ['a.com', 'b.com'] }
  const reordered = { domains: ['a.com', 'b.com'], options: { payment: { paymentMethodId: 3 }, autoPay: true }, cartId: 'c1' }
  t.match(fingerprintOf('checkoutCart', args), /^[0-9a-f]{64}$/, 'a SHA-256')
  t.equal(fingerprintOf('checkoutCart', args), fingerprintOf('checkoutCart', reordered), 'key order does not matter')
  t.equal(fingerprintOf('checkoutCart', { ...args, note: undefined }), fingerprintOf('checkoutCart', args), 'an absent field is an undefined one')
})

t.test('fingerprints: anything else is another request', async t => {
  const args = { cartId: 'c1', options: { autoPay: true }, domains: ['a.com', 'b.com'] }
  const base = fingerprintOf('checkoutCart', args)
  const others = [
    fingerprintOf('orderDomain', args),
    fingerprintOf('checkoutCart', { ...args, cartId: 'c2' }),
    fingerprintOf('checkoutCart', { ...args, options: { autoPay: false } }),
    fingerprintOf('checkoutCart', { ...args, domains: ['b.com', 'a.com'] }),
    fingerprintOf('checkoutCart', { ...args, options: { autoPay: true, extra: null } }),
    fingerprintOf('checkoutCart', { ...args, cartId: 1 })
  ]
  t.equal(new Set([base, ...others]).size, others.length + 1, 'another operation, value, list order, a null field or a type: all differ')
})
