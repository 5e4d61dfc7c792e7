// Sandbox state of the ordering area: carts (global, since OVH creates them without a login), and
// per account orders, payment methods and outgoing transfers. Plain JSON, times in epoch ms.

// What a cart item orders: a domain (create or incoming transfer), a service option of a domain
// of the account (trade: an owner change; restore: out of redemption), or an option of a domain
// item of the same cart (option: DNS Anycast, POST /order/cart/{cartId}/domain/options).
export type CartItemAction = 'create' | 'transfer' | 'trade' | 'restore' | 'option'

/** Whether OVH adds a free DNS zone line with the item: only a domain registered or transferred in. */
export function comesWithZone (action: CartItemAction | 'renew'): boolean {
  return action === 'create' || action === 'transfer'
}

/** A service option of a domain the account holds, rather than a domain to register or transfer. */
export function isServiceOption (action: CartItemAction | 'renew'): boolean {
  return action === 'trade' || action === 'restore' || action === 'renew'
}

export interface CartConfigurationState {
  id: number
  label: string
  value: string
}

export interface CartItemState {
  itemId: number
  action: CartItemAction
  domain: string
  // The TLD ('com', 'co.uk'), '<tld>-trade' for an owner change, '<tld>-restore' for a restore.
  planCode: string
  pricingMode: string
  // ISO 8601 period: 'P1Y'..'P10Y', 'P0Y' for a trade.
  duration: string
  quantity: number
  // Unit price without tax, in cents of the cart's currency, fixed when the item was added.
  priceCents: number
  renewCents: number
  configurations: CartConfigurationState[]
  // An option's domain item (action 'option'), whose domain it is an option of.
  parentItemId?: number
}

export interface CartState {
  cartId: string
  description: string
  ovhSubsidiary: string
  currency: string
  creation: number
  expire: number
  // NIC handle once assigned (POST /order/cart/{cartId}/assign).
  account: string | null
  // Set by the checkout: the cart can no longer change.
  readOnly: boolean
  orderId: number | null
  items: CartItemState[]
  // Coupon codes added to the cart (model/coupons.ts); absent on carts saved before coupons.
  coupons?: string[]
}

// billing.order.OrderStatusEnum
export type OrderStatus = 'cancelled' | 'cancelling' | 'checking' | 'delivered' | 'delivering' | 'documentsRequested' | 'notPaid' | 'unknown'

export interface OrderItemState {
  orderDetailId: number
  // The cart item it came from.
  itemId: number
  // 'renew': a renew order of the service API (POST /service/{serviceId}/renew), from no cart.
  action: CartItemAction | 'renew'
  domain: string
  planCode: string
  pricingMode: string
  duration: string
  quantity: number
  unitCents: number
  configurations: Array<{ label: string, value: string }>
  // The domain task the delivery created (DomainCreate, DomainIncomingTransfer, DomainTrade, DomainRenew).
  taskId: number | null
  // The order line of the DNS zone OVH adds with a registered or transferred domain (absent in
  // orders saved before zone lines existed, and for an owner change).
  zoneDetailId?: number
}

export interface OrderPayment {
  // billing.ReusablePaymentMeanEnum, or 'paymentMethod' for POST /me/order/{id}/pay.
  paymentMean: string
  paymentMethodId: number | null
  at: number
}

export interface OrderState {
  orderId: number
  account: string
  cartId: string
  password: string
  date: number
  expirationDate: number
  currency: string
  taxRate: number
  status: OrderStatus
  items: OrderItemState[]
  payment: OrderPayment | null
  // Declined attempts, for the record (the sandbox's payment log).
  declined: number
  // The scheduled event that moves the order to its next status.
  eventId: number | null
}

// me.payment.PaymentMethod, as the sandbox keeps it.
export interface PaymentMethodState {
  paymentMethodId: number
  // The legacy id (payWithRegisteredPaymentMean's paymentMeanId).
  paymentMeanId: number
  // me.payment.PaymentMethod.paymentType ('CREDIT_CARD', 'PAYPAL'...)
  paymentType: string
  // billing.ReusablePaymentMeanEnum of the legacy flow ('creditCard', 'paypal'...)
  legacyMean: string
  paymentSubType: string | null
  label: string
  description: string
  default: boolean
  status: 'VALID' | 'EXPIRED' | 'CANCELED'
  creation: number
  expiration: number | null
  // A card the bank refuses: every payment with it is declined (documented sandbox behaviour).
  declines: boolean
}

export interface OutgoingTransferState {
  domain: string
  // The token OVH emails to the owner, sent back with POST /domain/{sn}/outgoingTransfer/approve.
  ident: string
  requested: number
}

export interface AccountOrdersState {
  orders: Record<string, OrderState>
  paymentMethods: Record<string, PaymentMethodState>
  // The account's balance for paymentMean 'ovhAccount', in cents.
  ovhAccountCents: number
  outgoingTransfers: Record<string, OutgoingTransferState>
}

export interface OrdersState {
  carts: Record<string, CartState>
  // By NIC handle, created on first use.
  accounts: Record<string, AccountOrdersState>
}

// billing.BillDetail, as the sandbox keeps it: prices in cents without tax.
export interface BillLineState {
  billDetailId: string
  description: string
  domain: string
  quantity: number
  unitCents: number
  // Of the service the line bills (a registration's years), epoch ms; null for a one-off.
  periodStart: number | null
  periodEnd: number | null
}

// billing.Bill and its billing.Payment: made when an order is paid (markPaid), or seeded.
export interface BillState {
  billId: string
  orderId: number
  // billing.CategoryEnum
  category: string
  date: number
  password: string
  currency: string
  taxRate: number
  lines: BillLineState[]
  payment: {
    // billing.PaymentMeanEnum
    paymentType: string
    paymentIdentifier: string | null
    at: number
  }
}
