// The frame both one-shot orders share (orderDomain, tradeDomain): a domain an open order holds is
// refused first (domain-holds.ts), before any check or budget; the whole flow's upstream calls
// are reserved before the first one (order-budget.ts); a first attempt is checked before its
// idempotency key is taken, so a refused form can be fixed and sent again with the same key, while
// a retry (the key exists) resumes from what the key recorded; then the order is placed once
// under the key, and what OVH did in an attempt cut short is found before running again.
import type { Caller } from '../../upstream/caller.js'
import { checkDomainsFree } from './domain-holds.js'
import { runIdempotent } from './idempotency.js'
import type { RunContext } from './idempotency.js'
import { orderCost } from './order-budget.js'
import type { OrderSteps } from './order-budget.js'
import { recoverPlacement } from './order-flow.js'
import { checkPaymentMethod } from './payments.js'
import type { CheckedPayment } from './payments.js'
import type { PlacementProgress } from './progress.js'
import type { z } from 'zod'

// What every one-shot order (orderDomain, tradeDomain, restoreDomain) answers.
export interface PlacedOrder {
  orderId: number
  domain: string
  action: 'create' | 'transfer' | 'trade' | 'restore'
  cartId: string
  contactId: number | null
}

export interface OneShotOrder<Plan, P extends PlacementProgress> {
  operation: 'orderDomain' | 'tradeDomain' | 'restoreDomain'
  key: string
  // The checked input. The key's fingerprint is made of all of it but the payment, which is how,
  // not what: a retry may pay with another card without being a new request. Only the fingerprint
  // (a hash) is stored, never an auth code.
  input: { domain: string, payment: CheckedPayment }
  // A second order of a domain an open order of the tenant holds, on purpose. Not part of the
  // fingerprint either: a key refused for a held domain can be sent again with it.
  allowDuplicate: boolean
  steps: OrderSteps
  // The flow's progress: the placement's steps and its plan (progress.ts).
  progress: z.ZodType<P>
  // Checks a first attempt (offer, rules): a refusal throws before anything is created.
  check: () => Promise<Plan>
  // Places and pays the order; `plan` is undefined on a retry, which resumes from `ctx.progress`.
  place: (ctx: RunContext<P>, plan: Plan | undefined) => Promise<PlacedOrder>
}

export async function runOneShotOrder<Plan, P extends PlacementProgress> (caller: Caller, order: OneShotOrder<Plan, P>): Promise<PlacedOrder & { replayed: boolean }> {
  const { payment, ...args } = order.input
  const known = await caller.stores.idempotency.findByKey(caller.tenant.id, order.key)
  // A replay, or a retry whose order exists, orders nothing new.
  if (known?.state !== 'succeeded' && order.progress.parse(known?.progress ?? {}).orderId === undefined) {
    await checkDomainsFree(caller, order.key, [order.input.domain], order.allowDuplicate)
  }
  await caller.reserveUpstream(await orderCost(caller, order.steps, known))
  try {
    let plan: Plan | undefined
    if (known === null) {
      plan = await order.check()
      await checkPaymentMethod(caller, payment, 'payment.paymentMethodId')
    }
    const { result, replayed } = await runIdempotent<PlacedOrder, P>(caller, {
      key: order.key,
      operation: order.operation,
      progress: order.progress,
      args,
      run: ctx => order.place(ctx, plan),
      recover: ctx => recoverPlacement(caller, ctx, [order.input.domain])
    })
    return { ...result, replayed }
  } catch (err) {
    // An error answers no order: the calls reserved for the rest go back to the budget now.
    await caller.releaseUpstream()
    throw err
  }
}
