// Write-through: after a write through the gateway succeeds at OVH, the objects it touched are
// queued for a priority refresh (reason 'write'), so the mirror shows the change (and follows its
// task) without waiting for the sync's rounds. Which objects: read from the OVH path written to,
// the one place every write passes (the caller's call record), rather than from each service.
// A write whose outcome OVH's answer makes certain also has it applied at once, with its events
// (write-outcome.ts): the refresh then only confirms it.
import type { Caller } from '../upstream/caller.js'
import type { OvhCredential } from '../generated/prisma/client.js'
import { endpointIdentity } from '../modules/orders/ovh-scope.js'
import { eventOfChange } from '../modules/events/mirror-events.js'
import { wakeDispatcher } from '../modules/events/store.js'
import { subjectTypeOf } from '../modules/events/types.js'
import type { RefreshTargets } from './refresh.js'
import { applyRenewalOutcome } from './write-outcome.js'
import type { OutcomeEvent } from './write-outcome.js'

// /domain's own collections whose next segment is not a domain name.
const NOT_DOMAINS = new Set(['zone', 'contact', 'configurationRule', 'configurations', 'data', 'extensions', 'rules'])

/** The mirrored objects an OVH write path touches: '/domain/a.com/nameServers/update' -> a.com. */
export function writeTargets (apiPath: string): RefreshTargets | undefined {
  const segments = apiPath.split('?')[0].split('/').filter(Boolean).map(segment => decodeURIComponent(segment))
  if (segments[0] === 'domain' && segments.length >= 2 && !NOT_DOMAINS.has(segments[1]) && segments[1].includes('.')) {
    return { domains: [segments[1].toLowerCase()] }
  }
  if (segments[0] === 'me' && segments[1] === 'task' && segments[2] === 'domain' && /^\d+$/.test(segments[3] ?? '')) {
    return { tasks: [segments[3]] }
  }
  if (segments[0] === 'me' && segments[1] === 'order' && /^\d+$/.test(segments[2] ?? '')) {
    return { orders: [segments[2]] }
  }
  // accept, refuse, resendEmail: the request's state moves (its opening, POST changeContact, is
  // first seen by the activity sync and is no event).
  if (segments[0] === 'me' && segments[1] === 'task' && segments[2] === 'contactChange' && /^\d+$/.test(segments[3] ?? '')) {
    return { contactChanges: [segments[3]] }
  }
  return undefined
}

/** The mirrored account a caller's credential writes to (tenant, OVH endpoint, NIC). */
function mirrorScope (caller: Pick<Caller, 'tenant'>, ovhAccount: string): { tenantId: string, ovhEndpoint: string, ovhAccount: string } {
  return { tenantId: caller.tenant.id, ovhEndpoint: endpointIdentity(caller.tenant.ovhEndpoint), ovhAccount }
}

/** Queues a refresh of what a successful write touched; never fails nor delays the write. */
export function refreshAfterWrite (caller: Pick<Caller, 'mirror' | 'tenant' | 'log' | 'requestId' | 'user'>, credential: OvhCredential, targets: RefreshTargets | undefined): void {
  if (targets === undefined || caller.mirror === undefined || credential.ovhAccount === null) return
  const scope = mirrorScope(caller, credential.ovhAccount)
  const origin = { requestId: caller.requestId, userId: caller.user.id }
  caller.mirror.refresh(scope, { ...targets, origin }, 'write', caller.log).catch(() => {})
}

/**
 * Applies the renewalState a write OVH accepted leaves (`after`, from one of `from`) to the
 * domain's mirrored row, with its event caused by this request, before the gateway answers. Never
 * fails the write: when it cannot (no mirror, the database busy), the write-through refresh
 * records the change as before.
 */
export async function recordRenewalOutcome (caller: Pick<Caller, 'mirror' | 'tenant' | 'log' | 'requestId' | 'user' | 'credential'>, name: string, from: readonly string[], after: string): Promise<void> {
  if (caller.mirror === undefined) return
  const domain = name.toLowerCase()
  try {
    const credential = await caller.credential()
    if (credential === null || credential.ovhAccount === null) return
    const scope = mirrorScope(caller, credential.ovhAccount)
    // The account's row, kept a moment (AUTH_CACHE_TTL_MS); none: this account is not mirrored.
    const account = await caller.mirror.account(scope)
    if (account === null) return
    // The event for each state the row may hold: the statement takes the one it finds, so the
    // event's shape stays eventOfChange's (as the sync's).
    const cause = { kind: 'gateway' as const, requestId: caller.requestId, userId: caller.user.id }
    const eventByBefore: Record<string, OutcomeEvent> = {}
    for (const before of from.filter(state => state !== after)) {
      const event = eventOfChange(account.tenantId, { kind: 'renewal', domain, from: before, to: after }, cause)
      if (event !== null) eventByBefore[before] = { type: event.type, subjectType: subjectTypeOf(event.type), subject: event.subject, domain, data: event.data, cause: event.cause }
    }
    if (await applyRenewalOutcome(caller.mirror.db, account.id, domain, after, eventByBefore, account.tenantId, new Date())) {
      // Not awaited: it waits for the dispatcher's job row, which every transaction writing events
      // holds until it commits (a refresh's too). Lost (a crash), the dispatcher's cron line, or
      // the next event's wake, finds the event.
      const db = caller.mirror.db
      wakeDispatcher(db).catch(err => caller.log.warn({ err }, 'events: the dispatcher could not be woken; its cron line will'))
    }
  } catch (err) {
    caller.log.warn({ err, domain }, 'mirror: the outcome of a write could not be recorded; its refresh will')
  }
}
