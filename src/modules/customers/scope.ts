// The one place that decides what a user limited to some customers may see: the domains those
// customers own. Everything else reads it from here: the OVH client's guard (./ovh-guard.ts), the
// mirror's view (mirror/view.ts), the event feed (events/access.ts) and the customer services.
// A caller with no limit (`caller.customers === null`) sees the tenant's whole account.
import type { Caller } from '../../upstream/caller.js'
import type { AccessRule } from '../../tenancy/access-rules.js'
import { domainAccessOf, domainVisible as ruleAllows } from '../../mirror/access.js'

/** The domains the caller may see (lower case), or null for every domain of the tenant. */
export function visibleDomains (caller: Pick<Caller, 'customers' | 'memo' | 'stores' | 'tenant'>): Promise<ReadonlySet<string> | null> {
  const limit = caller.customers
  if (limit === null) return Promise.resolve(null)
  // Read once per request: an assignment made by this very request (an order) adds to the set.
  return caller.memo('customers.domains', async () => new Set(await caller.stores.customers.domainsOf(caller.tenant.id, limit)))
}

/** Whether the caller may see (and act on) this domain or its DNS zone. */
export async function domainVisible (caller: Pick<Caller, 'customers' | 'memo' | 'stores' | 'tenant'>, name: string): Promise<boolean> {
  const domains = await visibleDomains(caller)
  return domains === null || domains.has(name.toLowerCase())
}

/**
 * The access rules a limited caller's reads of the gateway's own copies (mirror, events) follow:
 * those of a key that could read only the caller's domains (and their zones), within what the
 * signing key itself allows. Orders, contacts and other account-wide objects are not covered, so
 * they stay hidden, as they would be from such a key.
 */
export async function narrowRules (caller: Pick<Caller, 'customers' | 'memo' | 'stores' | 'tenant'>, rules: AccessRule[]): Promise<AccessRule[]> {
  const domains = await visibleDomains(caller)
  if (domains === null) return rules
  const allowed = domainAccessOf(rules)
  return [...domains].filter(name => ruleAllows(allowed, name)).flatMap(name => [
    { method: 'GET' as const, path: `/domain/${name}` },
    { method: 'GET' as const, path: `/domain/${name}/*` },
    { method: 'GET' as const, path: `/domain/zone/${name}` },
    { method: 'GET' as const, path: `/domain/zone/${name}/*` }
  ])
}
