// Bills (/me/bill*): OVH bills an order when it is paid, one line per order line (billing.BillDetail)
// and the payment that settled it (billing.Payment). The demo account has a few renewal bills of
// its own from before the sandbox's order history (their orders are not in /me/order).
// The pdf and html links point at the sandbox's /files/bill/..., readable with the bill's password
// as OVH's are (pages/bills.ts).
import { notFound } from '../errors.js'
import { randomKey } from '../ids.js'
import type { BillLineState, BillState, OrderPayment, OrderState } from '../state/order-types.js'
import { nextId } from '../state/types.js'
import type { AccountState, SandboxState } from '../state/types.js'
import { DAY, formatDate, formatDateTime } from '../time.js'
import { addTax, toPrice, yearsOf } from './catalog.js'

// billing.ReusablePaymentMeanEnum (how an order was paid) -> billing.PaymentMeanEnum (a bill's payment).
const PAYMENT_TYPES: Record<string, string> = {
  creditCard: 'creditCard',
  paypal: 'paypal',
  bankAccount: 'withdrawal',
  ovhAccount: 'ovhAccount',
  fidelityAccount: 'fidelityPoints'
}

const newBillId = (state: SandboxState, subsidiary: string) => `${subsidiary}${nextId(state, 'billId', 41_000_001)}`
const newLineId = (state: SandboxState) => String(nextId(state, 'billDetailId', 80_000_001))

function yearsLater (at: number, years: number): number {
  const date = new Date(at)
  date.setUTCFullYear(date.getUTCFullYear() + years)
  return date.getTime()
}

export function accountBills (account: AccountState): Record<string, BillState> {
  account.bills ??= {}
  return account.bills
}

/** The bill of a paid order: its lines as the order's, paid as the order was. */
export function billOrder (state: SandboxState, order: OrderState, payment: OrderPayment, identifier: string | null): BillState | null {
  const account = state.accounts[order.account]
  if (account === undefined) return null
  const lines: BillLineState[] = order.items.flatMap(item => {
    const years = yearsOf(item.duration) ?? 0
    const what = item.action === 'trade' ? 'Owner change' : item.action === 'transfer' ? 'Transfer' : item.action === 'option' ? 'Domain option' : 'Registration'
    const line: BillLineState = {
      billDetailId: newLineId(state),
      description: `${what} of ${item.domain} (${item.duration})`,
      domain: item.domain,
      quantity: item.quantity,
      unitCents: item.unitCents,
      periodStart: years > 0 ? payment.at : null,
      periodEnd: years > 0 ? yearsLater(payment.at, years) : null
    }
    if (item.zoneDetailId === undefined) return [line]
    return [line, { billDetailId: newLineId(state), description: `DNS zone of ${item.domain}`, domain: item.domain, quantity: 1, unitCents: 0, periodStart: null, periodEnd: null }]
  })
  const bill: BillState = {
    billId: newBillId(state, account.ovhSubsidiary),
    orderId: order.orderId,
    category: 'purchase-web',
    date: payment.at,
    password: randomKey(12),
    currency: order.currency,
    taxRate: order.taxRate,
    lines,
    payment: { paymentType: PAYMENT_TYPES[payment.paymentMean] ?? 'creditCard', paymentIdentifier: identifier, at: payment.at }
  }
  accountBills(account)[bill.billId] = bill
  return bill
}

// The demo account's renewals: three bills a month apart, paid by card, oldest first (bill ids
// grow with time, as OVH's do).
const SEEDED = [
  { daysAgo: 85, domains: ['tea.co.uk', 'app.io'], unitCents: 3499 },
  { daysAgo: 55, domains: ['boulangerie.fr'], unitCents: 799 },
  { daysAgo: 25, domains: ['shop.com', 'archive.com'], unitCents: 1099 }
]

export function seedBills (state: SandboxState, account: AccountState, slug: string, now: number): void {
  for (const seeded of SEEDED) {
    const at = now - seeded.daysAgo * DAY
    const bill: BillState = {
      billId: newBillId(state, account.ovhSubsidiary),
      orderId: nextId(state, 'seededOrderId', 180_000_001),
      category: 'autorenew',
      date: at,
      password: randomKey(12),
      currency: account.currency,
      taxRate: 20,
      lines: seeded.domains.map(name => ({
        billDetailId: newLineId(state),
        description: `Renewal of ${slug}-${name} (P1Y)`,
        domain: `${slug}-${name}`,
        quantity: 1,
        unitCents: seeded.unitCents,
        periodStart: at,
        periodEnd: yearsLater(at, 1)
      })),
      payment: { paymentType: 'creditCard', paymentIdentifier: '4970 XXXX XXXX 4242', at }
    }
    accountBills(account)[bill.billId] = bill
  }
}

export function findBill (account: AccountState, billId: string): BillState {
  const bill = accountBills(account)[billId]
  if (bill === undefined) throw notFound(`The requested object (billId = ${billId}) does not exist`)
  return bill
}

export function billTotalCents (bill: BillState): number {
  return bill.lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0)
}

/** The links of a bill: `${filesUrl}/bill/{billId}.pdf|.html?passwd=...`. */
export function billLinks (bill: BillState, filesUrl: string) {
  const query = `reference=${encodeURIComponent(bill.billId)}&passwd=${bill.password}`
  return { pdfUrl: `${filesUrl}/bill.pdf?${query}`, url: `${filesUrl}/bill.html?${query}` }
}

// billing.Bill
export function toBill (bill: BillState, filesUrl: string) {
  const withoutTax = billTotalCents(bill)
  const withTax = addTax(withoutTax, bill.taxRate)
  return {
    billId: bill.billId,
    category: bill.category,
    date: formatDateTime(bill.date),
    orderId: bill.orderId,
    password: bill.password,
    ...billLinks(bill, filesUrl),
    priceWithTax: toPrice(withTax, bill.currency),
    priceWithoutTax: toPrice(withoutTax, bill.currency),
    tax: toPrice(withTax - withoutTax, bill.currency)
  }
}

export function findBillLine (bill: BillState, billDetailId: string): BillLineState {
  const line = bill.lines.find(candidate => candidate.billDetailId === billDetailId)
  if (line === undefined) throw notFound(`The requested object (billDetailId = ${billDetailId}) does not exist`)
  return line
}

function longPrice (cents: number, currency: string) {
  const { currencyCode, text, value } = toPrice(cents, currency)
  return { currencyCode, text, value }
}

// billing.BillDetail
export function toBillDetail (bill: BillState, line: BillLineState) {
  return {
    billDetailId: line.billDetailId,
    description: line.description,
    domain: line.domain,
    periodEnd: line.periodEnd === null ? null : formatDate(line.periodEnd),
    periodStart: line.periodStart === null ? null : formatDate(line.periodStart),
    quantity: String(line.quantity),
    totalPrice: toPrice(line.unitCents * line.quantity, bill.currency),
    // order.LongPrice: no priceInUcents.
    unitPrice: longPrice(line.unitCents, bill.currency)
  }
}

// billing.Payment
export function toBillPayment (bill: BillState) {
  return { paymentDate: formatDateTime(bill.payment.at), paymentIdentifier: bill.payment.paymentIdentifier, paymentType: bill.payment.paymentType }
}
