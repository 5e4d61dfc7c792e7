// The ordering area's part of the state, created on first use (so older snapshots load too), and
// each account's part of it, seeded with its registered payment means on first use.
import type { AccountOrdersState, OrdersState } from '../state/order-types.js'
import type { SandboxState } from '../state/types.js'
import { seedPaymentMethods } from './payment-methods.js'

export function ordersState (state: SandboxState): OrdersState {
  state.orders ??= { carts: {}, accounts: {} }
  return state.orders
}

export function accountOrders (state: SandboxState, nic: string, now: number): AccountOrdersState {
  const orders = ordersState(state)
  let mine = orders.accounts[nic]
  if (mine === undefined) {
    mine = { orders: {}, paymentMethods: {}, ovhAccountCents: 0, outgoingTransfers: {} }
    orders.accounts[nic] = mine
    seedPaymentMethods(state, mine, now)
  }
  return mine
}
