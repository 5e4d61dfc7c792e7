// A domain as a billing service (services.json: services.expanded.Service), derived from the stored
// DomainState: its creation, expiry, renewal mode and period, lifecycle, and the route back to it.
// Only domains are services in the sandbox.
import { serviceNotFound } from '../errors.js'
import type { AccountState, DomainState } from '../state/types.js'
import { formatDateTime } from '../time.js'

const DOMAIN_ROUTE = '/domain/{serviceName}'

// Domains that still exist for billing (a deleted one is gone from GET /domain too).
function billedDomains (account: AccountState): DomainState[] {
  return Object.values(account.domains).filter(domain => domain.state !== 'deleted')
}

// Per account's domains, the name of each service id: looking a service up by scanning every
// domain made a batch read of 50 services at 100,000 domains cost the sandbox 50 scans. Rebuilt
// when a lookup misses or finds a domain that no longer holds the id (domains added, removed).
const namesByServiceId = new WeakMap<AccountState['domains'], Map<number, string>>()

function lookup (account: AccountState, serviceId: number): DomainState | undefined {
  const name = namesByServiceId.get(account.domains)?.get(serviceId)
  const domain = name === undefined ? undefined : account.domains[name]
  return domain !== undefined && domain.serviceId === serviceId && domain.state !== 'deleted' ? domain : undefined
}

export function findService (account: AccountState, serviceId: number): DomainState {
  let domain = lookup(account, serviceId)
  if (domain === undefined) {
    namesByServiceId.set(account.domains, new Map(billedDomains(account).map(candidate => [candidate.serviceId, candidate.domain])))
    domain = lookup(account, serviceId)
  }
  if (domain === undefined) throw serviceNotFound()
  return domain
}

/**
 * GET /services ids: `resourceName` is the domain's name; `routes` (comma separated) the API
 * route of the services wanted, as a template (`/domain/{serviceName}`) or its leading path
 * (`/domain`).
 */
export function listServiceIds (account: AccountState, filters: { resourceName?: string, routes?: string }): number[] {
  const routes = filters.routes?.split(',').map(route => route.trim()).filter(route => route !== '')
  const routeMatches = routes === undefined || routes.length === 0 ||
    routes.some(route => route === DOMAIN_ROUTE || DOMAIN_ROUTE.startsWith(`${route.replace(/\/+$/, '')}/`))
  if (!routeMatches) return []
  return billedDomains(account)
    .filter(domain => filters.resourceName === undefined || domain.domain === filters.resourceName.toLowerCase())
    .map(domain => domain.serviceId)
    .sort((a, b) => a - b)
}

// ISO 8601 duration of a renewal period in months: 12 -> P1Y, 18 -> P18M.
function periodOf (months: number): string {
  return months % 12 === 0 ? `P${months / 12}Y` : `P${months}M`
}

function lifecycleState (domain: DomainState): 'active' | 'unrenewed' | 'rupture' {
  if (domain.state === 'expired' || domain.state === 'pending_delete' || domain.state === 'restorable') return 'unrenewed'
  if (domain.state === 'registry_suspended' || domain.state === 'technical_suspended') return 'rupture'
  return 'active'
}

function resourceState (domain: DomainState): 'active' | 'suspended' | 'toActivate' | 'toDelete' {
  if (domain.state === 'pending_create' || domain.state === 'pending_incoming_transfer' || domain.state === 'pending_installation') return 'toActivate'
  if (domain.state === 'registry_suspended' || domain.state === 'technical_suspended') return 'suspended'
  if (domain.state === 'pending_delete') return 'toDelete'
  return 'active'
}

// services.expanded.Service (GET /services/{serviceId})
export function toExpandedService (account: AccountState, domain: DomainState) {
  const expiration = formatDateTime(domain.expiration)
  const tld = domain.domain.slice(domain.domain.indexOf('.') + 1)
  return {
    billing: {
      engagement: null,
      engagementRequest: null,
      expirationDate: expiration,
      group: null,
      lifecycle: {
        capacities: { actions: domain.renew.deleteAtExpiration ? ['earlyRenewal'] : ['earlyRenewal', 'terminateAtExpirationDate'] },
        current: {
          creationDate: formatDateTime(domain.creation),
          pendingActions: domain.renew.deleteAtExpiration ? ['terminateAtExpirationDate'] : [],
          state: lifecycleState(domain),
          terminationDate: domain.renew.deleteAtExpiration ? expiration : null
        }
      },
      nextBillingDate: expiration,
      plan: { code: `domain-${tld.replace(/\./g, '-')}`, invoiceName: `Domain name .${tld}` },
      pricing: null,
      renew: {
        capacities: { mode: ['automatic', 'manual'] },
        current: {
          mode: domain.renew.automatic ? 'automatic' : 'manual',
          nextDate: domain.renew.deleteAtExpiration ? null : expiration,
          // A domain renews yearly unless set otherwise.
          period: periodOf(domain.renew.period ?? 12)
        }
      }
    },
    customer: {
      contacts: (['administrator', 'billing', 'technical'] as const).map(type => ({ customerCode: account.nic, type }))
    },
    parentServiceId: null,
    resource: {
      displayName: domain.domain,
      name: domain.domain,
      product: { description: 'Domain name', name: 'domain' },
      resellingProvider: null,
      state: resourceState(domain)
    },
    route: {
      path: DOMAIN_ROUTE,
      url: `/domain/${domain.domain}`,
      vars: [{ key: 'serviceName', value: domain.domain }]
    },
    serviceId: domain.serviceId,
    tags: []
  }
}
