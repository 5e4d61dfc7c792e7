// OVH's ordering shapes (order.cart.*, order.Order, billing.Order and details, payment methods)
// as TypeScript types, and the gateway's REST response shapes (every price a resale price).
import { z } from 'zod'
import { MoneySchema, OvhPriceSchema, ResalePriceSchema } from '../catalog/schemas.js'
import type { OvhPrice } from '../catalog/schemas.js'

export interface OvhCart {
  cartId: string
  description: string
  expire: string | null
  items: number[]
  readOnly: boolean
}

export interface OvhCartPrice { label: 'DISCOUNT' | 'FEE' | 'PRICE' | 'RENEW' | 'TOTAL', price: OvhPrice }

export interface OvhCartItem {
  itemId: number
  cartId: string
  productId: string
  duration: string | null
  configurations: number[] | null
  prices: OvhCartPrice[]
  settings: { planCode: string | null, pricingMode: string | null, quantity: number | null }
  // An option's domain item (an option of a domain added with /domain/options); null otherwise.
  parentItemId?: number | null
}

export interface OvhConfigurationItem { id: number, label: string, value: string }

export interface OvhOrderDetailLine {
  cartItemID: number | null
  description: string
  detailType: string | null
  domain: string
  quantity: number
  unitPrice: OvhPrice
  totalPrice: OvhPrice
  // Before a coupon's reduction (order.OrderDetail); totalPrice is what is charged.
  originalTotalPrice?: OvhPrice
}

// order.Order: summary, dry-run checkout and checkout.
export interface OvhOrderPreview {
  orderId: number | null
  url: string | null
  contracts: Array<{ name: string, url: string, content: string }>
  details: OvhOrderDetailLine[]
  prices: { withoutTax: OvhPrice, tax: OvhPrice, withTax: OvhPrice }
}

// billing.Order
export interface OvhBillingOrder {
  orderId: number
  date: string | null
  expirationDate: string | null
  url: string
  pdfUrl: string
  priceWithoutTax: OvhPrice
  priceWithTax: OvhPrice
  tax: OvhPrice
  retractionDate: string | null
}

// billing.OrderDetail
export interface OvhBillingDetail {
  orderDetailId: number
  description: string
  detailType: string | null
  domain: string
  quantity: string
  unitPrice: OvhPrice
  totalPrice: OvhPrice
  cancelled: boolean
}

// billing.ItemDetail
export interface OvhItemDetail {
  order: {
    action: string | null
    configurations: Array<{ label: string, value: string }>
    plan: { code: string | null, duration: string | null, pricingMode: string | null, product: { name: string | null }, quantity: number | null }
    type: string | null
  }
}

export const ORDER_STATUSES = ['cancelled', 'cancelling', 'checking', 'delivered', 'delivering', 'documentsRequested', 'notPaid', 'unknown'] as const
export type OrderStatus = typeof ORDER_STATUSES[number]

export interface OvhPaymentMethod {
  paymentMethodId: number
  paymentMeanId: number | null
  paymentType: string
  paymentSubType: string | null
  label: string | null
  description: string | null
  default: boolean
  status: string
  expirationDate: string | null
}

// ---- REST response shapes ----

export const CartPriceSchema = z.object({ label: z.string(), price: ResalePriceSchema })

export const CartItemSchema = z.object({
  itemId: z.number(),
  cartId: z.string(),
  productId: z.string(),
  domain: z.string().nullable(),
  duration: z.string().nullable(),
  planCode: z.string().nullable(),
  pricingMode: z.string().nullable(),
  quantity: z.number().nullable(),
  prices: z.array(CartPriceSchema),
  parentItemId: z.number().nullable().describe('For an option of a domain (DNS Anycast...), the domain\'s item; null for any other item'),
  configurations: z.array(z.object({ id: z.number(), label: z.string(), value: z.string() }))
})

export const CartSchema = z.object({
  cartId: z.string(),
  description: z.string(),
  expire: z.string().nullable(),
  readOnly: z.boolean(),
  items: z.array(CartItemSchema)
})

export const OrderLineSchema = z.object({
  cartItemID: z.number().nullable(),
  description: z.string(),
  detailType: z.string().nullable(),
  domain: z.string(),
  quantity: z.number(),
  unitPrice: ResalePriceSchema,
  totalPrice: ResalePriceSchema
})

export const OrderPricesSchema = z.object({ withoutTax: ResalePriceSchema, tax: ResalePriceSchema, withTax: ResalePriceSchema })

export const OrderPreviewSchema = z.object({
  orderId: z.number().nullable(),
  url: z.string().nullable(),
  contracts: z.array(z.object({ name: z.string(), url: z.string(), content: z.string() })),
  details: z.array(OrderLineSchema),
  prices: OrderPricesSchema,
  discount: ResalePriceSchema.describe('What the cart\'s coupons take off, without tax (the totals are after it)')
})

export const CheckoutSchema = z.object({
  replayed: z.boolean().describe('true when this answer replays the first request with this Idempotency-Key'),
  order: OrderPreviewSchema
})

export const OrderDetailSchema = z.object({
  orderDetailId: z.number(),
  description: z.string(),
  detailType: z.string().nullable(),
  domain: z.string(),
  quantity: z.number(),
  unitPrice: ResalePriceSchema,
  totalPrice: ResalePriceSchema,
  cancelled: z.boolean(),
  taskId: z.number().nullable().optional()
})

export const OrderSchema = z.object({
  orderId: z.number(),
  date: z.string().nullable(),
  expirationDate: z.string().nullable(),
  url: z.string().nullable().describe('OVH\'s order page, which shows OVH\'s prices: null for viewers'),
  pdfUrl: z.string().nullable().describe('OVH\'s order PDF, which shows OVH\'s prices: null for viewers'),
  status: z.enum(ORDER_STATUSES),
  prices: OrderPricesSchema.nullable().describe('Resale totals; in the list, only with totals=true (two calls per order)'),
  clientReference: z.string().nullable().describe('Your own reference for the sale, as given to orderDomain or a renewal; null when none was'),
  details: z.array(OrderDetailSchema).optional(),
  billId: z.string().nullable().optional().describe('GET /v1/orders/{orderId} only: the bill OVH made once it was paid (GET /v1/bills/{billId}); null while unbilled, and for viewers and read-only keys')
})

export const PaymentMethodSchema = z.object({
  paymentMethodId: z.number(),
  paymentMeanId: z.number().nullable(),
  paymentType: z.string(),
  paymentSubType: z.string().nullable(),
  label: z.string().nullable(),
  description: z.string().nullable(),
  default: z.boolean(),
  status: z.string(),
  expirationDate: z.string().nullable()
})

export { MoneySchema, OvhPriceSchema }

// REST's allowDuplicate (GraphQL's argument of the same name): a second order of a domain an open
// order of the tenant holds, on purpose (domain-holds.ts).
export const AllowDuplicateSchema = z.boolean().optional().describe('true: order even if an open order of the tenant already holds the domain (otherwise 409 with reason DOMAIN_ORDER_OPEN and its orderId)')
