// GraphQL: renewal offers, renewDomain / renewDomains and the account's automatic renewal settings.
import type { IResolvers } from 'mercurius'
import type { Caller } from '../../upstream/caller.js'
import { requireOrder } from '../orders/orders.js'
import { taskOfOrderLine } from '../orders/order-tasks.js'
import type { DomainTask } from '../tasks/schemas.js'
import { restoreDomain, restoreOffer } from './restore.js'
import { confirmDomainTermination, confirmZoneTermination, terminateDomain, terminateZone } from './termination.js'
import { autorenewSettings, renewDomains, renewOffer } from './service.js'
import type { PlacedRenewal, RenewInput } from './service.js'

interface SingleInput extends Omit<RenewInput, 'domains'> { domain: string }

/** The DomainRenew task of each renewed domain, once OVH delivered the order. */
export async function renewalTasks (caller: Caller, placed: PlacedRenewal): Promise<DomainTask[]> {
  const order = await requireOrder(caller, placed.orderId)
  const tasks = await Promise.all(placed.domains.map(domain => taskOfOrderLine(caller, domain, 'renew', order.date)))
  return tasks.filter((task): task is DomainTask => task !== null)
}

export const renewalsResolvers: IResolvers = {
  Query: {
    renewOffer: (_root, { domain }, { caller }) => renewOffer(caller, domain),
    autorenew: (_root, _args, { caller }) => autorenewSettings(caller),
    restoreOffer: (_root, { domain }, { caller }) => restoreOffer(caller, domain)
  },
  Mutation: {
    renewDomain: (_root, { input, idempotencyKey }: { input: SingleInput, idempotencyKey: string }, { caller }) => {
      const { domain, ...rest } = input
      return renewDomains(caller, { ...rest, domains: [domain] }, idempotencyKey)
    },
    renewDomains: (_root, { input, idempotencyKey }: { input: RenewInput, idempotencyKey: string }, { caller }) => renewDomains(caller, input, idempotencyKey),
    restoreDomain: (_root, { idempotencyKey, ...input }, { caller }) => restoreDomain(caller, input, idempotencyKey),
    terminateDomain: (_root, { domain }, { caller }) => terminateDomain(caller, domain),
    confirmDomainTermination: (_root, { domain, token }, { caller }) => confirmDomainTermination(caller, domain, token),
    terminateZone: (_root, { zone }, { caller }) => terminateZone(caller, zone),
    confirmZoneTermination: (_root, { zone, token }, { caller }) => confirmZoneTermination(caller, zone, token)
  },
  RenewalResult: {
    order: (placed: PlacedRenewal, _args, { caller }) => requireOrder(caller, placed.orderId),
    tasks: (placed: PlacedRenewal, _args, { caller }) => renewalTasks(caller, placed)
  }
}
