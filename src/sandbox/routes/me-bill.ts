// /me/bill*: the account's bills (one per paid order), their lines and payment. The pdf and html
// links point at the sandbox's /files/bill.pdf and /files/bill.html (pages/bills.ts).
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { accountBills, findBill, findBillLine, toBill, toBillDetail, toBillPayment } from '../model/bills.js'

function dateFilter (value: unknown): number | undefined {
  if (value === undefined) return undefined
  const at = Date.parse(String(value))
  if (Number.isNaN(at)) throw badRequest(`Invalid date: ${String(value)}`)
  return at
}

export const meBillArea: SandboxArea = {
  name: 'me-bill',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/me/bill',
      handler ({ account, query }) {
        const from = dateFilter(query['date.from'])
        const to = dateFilter(query['date.to'])
        const orderId = query.orderId === undefined ? undefined : Number(query.orderId)
        return Object.values(accountBills(account))
          .filter(bill => (from === undefined || bill.date >= from) && (to === undefined || bill.date <= to) &&
            (orderId === undefined || bill.orderId === orderId) && (query.category === undefined || bill.category === query.category))
          .sort((a, b) => a.date - b.date || (a.billId < b.billId ? -1 : 1))
          .map(bill => bill.billId)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/bill/{billId}',
      batch: true,
      handler: ({ account, params, origin, mountPrefix }) => toBill(findBill(account, String(params.billId)), `${origin}${mountPrefix}/files`)
    }),

    defineRoute({
      method: 'GET',
      path: '/me/bill/{billId}/details',
      handler: ({ account, params }) => findBill(account, String(params.billId)).lines.map(line => line.billDetailId)
    }),

    defineRoute({
      method: 'GET',
      path: '/me/bill/{billId}/details/{billDetailId}',
      batch: true,
      handler ({ account, params }) {
        const bill = findBill(account, String(params.billId))
        return toBillDetail(bill, findBillLine(bill, String(params.billDetailId)))
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/bill/{billId}/payment',
      handler: ({ account, params }) => toBillPayment(findBill(account, String(params.billId)))
    })
  ]
}
