// GraphQL: bills, one bill with its lines and payment, and the bill of an order.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { connectionOf } from '../shared/pagination.js'
import { billLines, billPayment, getBill, listBills, orderBill } from './service.js'
import type { BillView } from './service.js'
import type { OvhBillingOrder } from '../orders/schemas.js'

export const billsResolvers: Resolvers = {
  Query: {
    bills: async (_root, args, { caller }) => connectionOf(await listBills(caller, args)),
    bill: (_root, { billId }, { caller }) => getBill(caller, billId)
  },
  Bill: {
    lines: (bill: BillView, _args, { caller }) => billLines(caller, bill.billId),
    payment: (bill: BillView, _args, { caller }) => billPayment(caller, bill.billId)
  },
  Order: {
    bill: (order: OvhBillingOrder, _args, { caller }) => orderBill(caller, order.orderId)
  }
}
