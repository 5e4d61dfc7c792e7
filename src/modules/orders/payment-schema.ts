// How a REST order says how to pay, shared by every route that places or pays an order (orders,
// renewals, restores).
import { z } from 'zod'
import { PAYMENT_MEANS } from './payments.js'

// The payment rules (one flow at a time, the legacy pair whole) are the service's, shared with GraphQL.
export const PaymentChoiceSchema = z.object({
  paymentMethodId: z.number().int().positive().optional().describe('A VALID payment method of the account (GET /v1/payment-methods)'),
  paymentMean: z.enum(PAYMENT_MEANS).optional().describe('OVH\'s legacy flow: the registered payment mean, with its paymentMeanId for bankAccount, creditCard and paypal'),
  paymentMeanId: z.number().int().positive().optional().describe('With paymentMean only')
}).describe('How to pay: paymentMethodId, or paymentMean (with paymentMeanId); neither: the account\'s default payment method')
