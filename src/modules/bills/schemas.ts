// OVH's billing shapes (billing.Bill, billing.BillDetail, billing.Payment) as TypeScript types, and
// the gateway's REST answers for bills. A bill's prices are OVH's, what the reseller pays OVH.
import { z } from 'zod'
import { MoneySchema } from '../catalog/schemas.js'
import type { OvhPrice } from '../catalog/schemas.js'

// billing.Bill
export interface OvhBill {
  billId: string
  category: string
  date: string
  orderId: number
  password: string
  pdfUrl: string
  url: string
  priceWithoutTax: OvhPrice
  priceWithTax: OvhPrice
  tax: OvhPrice
}

// billing.BillDetail
export interface OvhBillDetail {
  billDetailId: string
  description: string
  domain: string
  periodStart: string | null
  periodEnd: string | null
  quantity: string
  totalPrice: OvhPrice
  unitPrice: { currencyCode: string, text: string, value: number }
}

// billing.Payment
export interface OvhBillPayment {
  paymentDate: string
  paymentIdentifier: string | null
  paymentType: string
}

// ---- REST answers ----

export const BillLineSchema = z.object({
  billDetailId: z.string(),
  description: z.string(),
  domain: z.string().nullable().describe('The domain the line is about; null when OVH names none'),
  quantity: z.number(),
  unitPrice: MoneySchema,
  totalPrice: MoneySchema.describe('Without tax'),
  periodStart: z.string().nullable().describe('The first day of the service period billed (a date), null for a one-off'),
  periodEnd: z.string().nullable()
})

export const BillPaymentSchema = z.object({
  paymentDate: z.string(),
  paymentType: z.string().describe('OVH\'s billing.PaymentMeanEnum: creditCard, paypal, ovhAccount, withdrawal...'),
  paymentIdentifier: z.string().nullable().describe('What paid it, as OVH names it (a masked card number...)')
})

export const BillSchema = z.object({
  billId: z.string(),
  orderId: z.number().describe('The order it bills (GET /v1/orders/{orderId}; a renewal\'s order may not be listed)'),
  category: z.string().describe('OVH\'s billing.CategoryEnum: purchase-web, autorenew, earlyrenewal...'),
  date: z.string(),
  priceWithoutTax: MoneySchema,
  tax: MoneySchema,
  priceWithTax: MoneySchema,
  pdfUrl: z.string().describe('OVH\'s link to the bill as PDF, readable without signing by whoever has it'),
  url: z.string().describe('OVH\'s link to the bill as an HTML page'),
  lines: z.array(BillLineSchema).optional().describe('GET /v1/bills/{billId} only'),
  payment: BillPaymentSchema.nullable().optional().describe('GET /v1/bills/{billId} only; null while unpaid')
})
