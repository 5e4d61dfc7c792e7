// The payment given with an order or to payOrder, checked without an app or a database: ids that
// are ids, a known payment mean, one flow at a time, and the legacy flow whole.
import t from 'tap'
import type { FieldError } from '../../../src/errors.js'
import { checkPayment, PAYMENT_MEANS } from '../../../src/modules/orders/payments.js'
import type { PaymentInput } from '../../../src/modules/orders/payments.js'

function check (input: PaymentInput | null | undefined, prefix = 'payment.') {
  const errors: FieldError[] = []
  const payment = checkPayment(input, prefix, errors)
  return { payment, fields: errors.map(error => error.field) }
}

t.test('no payment given: the default payment method pays', async t => {
  t.same(check(undefined), { payment: {}, fields: [] })
  t.same(check(null), { payment: {}, fields: [] })
  t.same(check({}), { payment: {}, fields: [] })
  t.same(check({ paymentMethodId: null, paymentMean: null, paymentMeanId: null }), { payment: {}, fields: [] })
})

t.test('a payment method, by id (GraphQL IDs are strings)', async t => {
  t.same(check({ paymentMethodId: 42 }), { payment: { paymentMethodId: 42 }, fields: [] })
  t.same(check({ paymentMethodId: '42' }), { payment: { paymentMethodId: 42 }, fields: [] })
  for (const id of [0, -1, 1.5, 'abc', '', String(Number.MAX_SAFE_INTEGER + 2)]) {
    t.same(check({ paymentMethodId: id }).fields, ['payment.paymentMethodId'], JSON.stringify(id))
  }
})

t.test('the legacy registered payment mean flow', async t => {
  t.same(check({ paymentMean: 'creditCard', paymentMeanId: '7' }), { payment: { paymentMean: 'creditCard', paymentMeanId: 7 }, fields: [] })
  t.same(check({ paymentMean: 'fidelityAccount' }), { payment: { paymentMean: 'fidelityAccount' }, fields: [] }, 'an account balance needs no id')
  t.same(check({ paymentMean: 'ovhAccount' }).fields, [])
  for (const mean of ['bankAccount', 'creditCard', 'paypal']) t.same(check({ paymentMean: mean }).fields, ['payment.paymentMeanId'], `${mean} needs the id of which one`)
  t.same(check({ paymentMeanId: 7 }).fields, ['payment.paymentMean'], 'an id alone would charge the default card')
  t.same(check({ paymentMean: 'cash' }).fields, ['payment.paymentMean'], 'an unknown mean')
  t.ok(PAYMENT_MEANS.every(mean => check({ paymentMean: mean, paymentMeanId: 1 }).fields.length === 0), 'every mean of OVH\'s enum')
  t.same(check({ paymentMean: 'creditCard', paymentMeanId: 0 }).fields, ['payment.paymentMeanId'])
})

t.test('one flow at a time', async t => {
  t.same(check({ paymentMethodId: 1, paymentMean: 'creditCard', paymentMeanId: 2 }).fields, ['payment.paymentMean', 'payment.paymentMeanId'])
  t.same(check({ paymentMethodId: 1, paymentMeanId: 2 }).fields, ['payment.paymentMeanId'])
})

t.test('errors are named under the given prefix', async t => {
  t.same(check({ paymentMethodId: 'x' }, '').fields, ['paymentMethodId'], 'payOrder\'s own arguments')
  t.same(check({ paymentMeanId: 3 }, 'input.payment.').fields, ['input.payment.paymentMean'])
})
