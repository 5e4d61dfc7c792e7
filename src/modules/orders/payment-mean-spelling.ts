// OVH's billing.ReusablePaymentMeanEnum spells three payment means twice: the legacy camelCase
// (creditCard, deferredPaymentAccount, paypal) and the payment-method UPPER_CASE (CREDIT_CARD,
// DEFERRED_PAYMENT_ACCOUNT, PAYPAL). In one GraphQL enum the two spellings become one identifier in
// code generators (GraphQL Code Generator's pascalCase makes both `CreditCard`), so the generated
// TypeScript does not compile. GraphQL's PaymentMean keeps the legacy spelling only: it is what
// availableRegisteredPaymentMean answers and what payWithRegisteredPaymentMean (payOrder's
// paymentMean) takes, so inputs are sent to OVH unchanged; an UPPER_CASE alias OVH may answer is
// folded into it here. The REST API, which has no such identifiers, keeps both spellings.
const LEGACY_SPELLING: Readonly<Record<string, string>> = {
  CREDIT_CARD: 'creditCard',
  DEFERRED_PAYMENT_ACCOUNT: 'deferredPaymentAccount',
  PAYPAL: 'paypal'
}

/** The GraphQL PaymentMean of what OVH answered: the legacy spelling of an aliased mean, once. */
export function graphqlPaymentMeans (means: readonly string[]): string[] {
  return [...new Set(means.map(mean => LEGACY_SPELLING[mean] ?? mean))]
}
