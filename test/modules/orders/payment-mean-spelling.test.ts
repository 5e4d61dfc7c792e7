import t from 'tap'
import { graphqlPaymentMeans } from '../../../src/modules/orders/payment-mean-spelling.js'

t.test('UPPER_CASE aliases OVH answers are folded into the legacy spelling GraphQL lists', async t => {
  t.same(graphqlPaymentMeans(['CREDIT_CARD', 'ovhAccount', 'PAYPAL', 'DEFERRED_PAYMENT_ACCOUNT']), ['creditCard', 'ovhAccount', 'paypal', 'deferredPaymentAccount'])
  t.same(graphqlPaymentMeans(['creditCard', 'CREDIT_CARD']), ['creditCard'], 'one mean in two spellings is listed once')
  t.same(graphqlPaymentMeans(['SEPA_DIRECT_DEBIT', 'bankAccount']), ['SEPA_DIRECT_DEBIT', 'bankAccount'], 'means spelt once are unchanged')
})
