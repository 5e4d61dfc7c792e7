// GraphQL: renewal offers, renewDomain / renewDomains and the account's automatic renewal settings.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
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

// renewDomain(s): the schema's input (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const renewalsResolvers: Resolvers = {
  Query: {
    renewOffer: (_root, { domain }, { caller }) => renewOffer(caller, domain),
    autorenew: (_root, _args, { caller }) => autorenewSettings(caller),
    restoreOffer: (_root, { domain }, { caller }) => restoreOffer(caller, domain)
  },
  Mutation: {
    renewDomain: (_root, { input, idempotencyKey }, { caller }) => {
      const { domain, ...rest } = input as SingleInput
      return renewDomains(caller, { ...rest, domains: [domain] }, idempotencyKey)
    },
    renewDomains: (_root, { input, idempotencyKey }, { caller }) => renewDomains(caller, input as RenewInput, idempotencyKey),
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
