// Which events a caller may see: only those about what the caller's consumer key may read, so that
// the feed (and subscriptions) show no more than the same key's live calls would. A domain's
// events (and its tasks') follow the mirror's domain visibility (mirror/access.ts); an order needs
// GET /me/order/<id>, a contact change GET /me/task/contactChange/<id>; a consumer key's own
// events go to its user and to the tenant's admins.
import type { Caller } from '../../upstream/caller.js'
import { domainAccessOf, domainVisible, isGranted, rulesOf } from '../../mirror/access.js'
import type { EventView } from './types.js'
import { narrowRules } from '../customers/scope.js'

/**
 * The check for one caller. Without a consumer key that can sign calls now (missing, pending,
 * expired), the caller could read none of these at OVH: the read is refused with its CREDENTIAL_*
 * code rather than answered empty, except when it asks only for consumer-key events (which tell
 * a user that the key expired).
 */
export async function eventAccessOf (caller: Caller, onlyCredentialEvents = false): Promise<(event: EventView) => boolean> {
  const admin = caller.scopes.includes('admin')
  const credential = onlyCredentialEvents ? await caller.credential() : await caller.usableCredential()
  // A user limited to customers sees as a key naming only their domains would (customers/scope.ts).
  const rules = await narrowRules(caller, rulesOf(credential?.accessRules))
  const domains = domainAccessOf(rules)
  return event => {
    if (event.subjectType === 'credential') return admin || event.data.userId === caller.user.id
    if (event.domain !== null) return domainVisible(domains, event.domain)
    if (event.subjectType === 'order') return isGranted(rules, 'GET', `/me/order/${event.subject}`)
    if (event.subjectType === 'contact_change') return isGranted(rules, 'GET', `/me/task/contactChange/${event.subject}`)
    return isGranted(rules, 'GET', `/me/task/domain/${event.subject}`)
  }
}

/** Whether a filter can only match consumer-key events (readable without a usable key). */
export function asksOnlyCredentialEvents (filter: { types?: readonly string[] | null, subject?: { type: string } | null }): boolean {
  if (filter.subject?.type === 'credential') return true
  return filter.types != null && filter.types.length > 0 && filter.types.every(type => type.startsWith('credential.'))
}
