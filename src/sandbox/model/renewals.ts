// Renewal on demand through OVH's generic service API: the periods a domain can be renewed for
// (GET /services/{serviceId}/renewPeriodCapacities), their prices (GET /service/{serviceId}/renew)
// and the renew order (POST /service/{serviceId}/renew), whose delivery runs a DomainRenew task that
// moves the expiry forward by its period once done. Dates follow registries: calendar years.
// @see docs/OVH-API.md 11
import { badRequest } from '../errors.js'
import { randomKey } from '../ids.js'
import type { SandboxCore } from '../core.js'
import type { OrderState } from '../state/order-types.js'
import { nextId } from '../state/types.js'
import type { AccountState, DomainState, DomainTaskState } from '../state/types.js'
import { DAY } from '../time.js'
import { convertCents, extensionOfDomain, subsidiaryOf, toPrice, yearsOf } from './catalog.js'
import type { DomainTaskHandler } from './domain-tasks.js'
import { findService } from './services.js'
import { accountOrders } from './order-state.js'

// A registration can run at most ten years ahead (ICANN's limit, which ccTLDs follow).
export const MAX_YEARS_AHEAD = 10
// Domains that can be renewed: active ones, and expired ones still in their renewal grace period.
// A domain in redemption (pending_delete) is restored, not renewed.
const RENEWABLE = new Set(['ok', 'expired'])

/** `ms` plus `years` calendar years (29 February falls back on 28 February), as registries count. */
export function addYears (ms: number, years: number): number {
  const date = new Date(ms)
  const month = date.getUTCMonth()
  date.setUTCFullYear(date.getUTCFullYear() + years)
  if (date.getUTCMonth() !== month) date.setUTCDate(0)
  return date.getTime()
}

export function isRenewable (domain: DomainState): boolean {
  return RENEWABLE.has(domain.state) && domain.suspensionState !== 'suspended'
}

/** The periods (ISO 8601, 'P1Y'...) the domain can be renewed for now; none when it cannot be. */
export function renewPeriods (domain: DomainState, now: number): string[] {
  if (!isRenewable(domain) || extensionOfDomain(domain.domain) === undefined) return []
  const limit = addYears(now, MAX_YEARS_AHEAD) + DAY
  const periods: string[] = []
  for (let years = 1; years <= MAX_YEARS_AHEAD; years++) {
    if (addYears(domain.expiration, years) <= limit) periods.push(`P${years}Y`)
  }
  return periods
}

/** The renewal's price without tax, in cents of `currency`. */
export function renewCents (domain: DomainState, years: number, currency: string): number {
  const extension = extensionOfDomain(domain.domain)
  return convertCents((extension?.renewCents ?? 0) * years, currency)
}

// order.Price as service.json has it: without priceInUcents.
export function servicePrice (cents: number, currency: string) {
  const { currencyCode, text, value } = toPrice(cents, currency)
  return { currencyCode, text, value }
}

function serviceDetail (domain: DomainState) {
  return { serviceId: domain.serviceId, serviceName: domain.domain, serviceType: 'domain' }
}

// service.renew.RenewDescription[] (GET /service/{serviceId}/renew)
export function renewDescriptions (account: AccountState, domain: DomainState, now: number) {
  return renewPeriods(domain, now).map(period => {
    const cents = renewCents(domain, yearsOf(period) ?? 1, account.currency)
    return {
      renewPeriod: period,
      strategies: [{ price: servicePrice(cents, account.currency), priceInUcents: cents * 1_000_000, services: [domain.serviceId], servicesDetails: [serviceDetail(domain)] }]
    }
  })
}

export interface RenewRequest {
  duration: string
  services: number[]
  dryRun?: boolean
}

/** The services a renew order covers, checked: the path's service first, each renewable for `duration`. */
export function renewedDomains (account: AccountState, serviceId: number, request: RenewRequest, now: number): DomainState[] {
  if (yearsOf(request.duration) === null) throw badRequest(`Invalid duration ${request.duration}: use an ISO 8601 period in years (P1Y)`)
  if (!request.services.includes(serviceId)) throw badRequest(`The services to renew must include service ${serviceId}`)
  const ids = [...new Set(request.services)]
  return ids.map(id => {
    const domain = findService(account, id)
    const periods = renewPeriods(domain, now)
    if (periods.length === 0) throw badRequest(`The service ${domain.domain} cannot be renewed while it is ${domain.state}`)
    if (!periods.includes(request.duration)) throw badRequest(`The service ${domain.domain} cannot be renewed for ${request.duration}: possible periods are ${periods.join(', ')}`)
    return domain
  })
}

/** A renew order of `domains` for `duration` (not paid yet), as a checkout makes one. */
export function createRenewOrder (sandbox: SandboxCore, account: AccountState, domains: DomainState[], duration: string, now: number): OrderState {
  const state = sandbox.state
  const years = yearsOf(duration) ?? 1
  const order: OrderState = {
    orderId: nextId(state, 'orderId', 190_000_001),
    account: account.nic,
    // Not from a cart: the service API orders directly.
    cartId: '',
    password: randomKey(12),
    date: now,
    expirationDate: now + 15 * DAY,
    currency: account.currency,
    taxRate: subsidiaryOf(account.ovhSubsidiary).taxRate,
    status: 'notPaid',
    items: domains.map(domain => ({
      orderDetailId: nextId(state, 'orderDetailId', 600_000_001),
      itemId: 0,
      action: 'renew' as const,
      domain: domain.domain,
      planCode: extensionOfDomain(domain.domain)?.tld ?? domain.domain.slice(domain.domain.indexOf('.') + 1),
      pricingMode: 'default',
      duration,
      quantity: 1,
      unitCents: renewCents(domain, years, account.currency),
      configurations: [],
      taskId: null
    })),
    payment: null,
    declined: 0,
    eventId: null
  }
  accountOrders(state, account.nic, now).orders[String(order.orderId)] = order
  return order
}

export interface DomainRenewPayload {
  orderId: number
  years: number
}

// The registry moves the expiry once the task is done: from the current expiry (an expired domain
// renewed in its grace period keeps its anniversary), and the domain is active again.
export const domainRenewHandler: DomainTaskHandler = {
  run (sandbox, task: DomainTaskState) {
    const domain = sandbox.state.accounts[task.account]?.domains[task.domain]
    if (domain === undefined) return { comment: 'The domain is no longer on this account' }
    return null
  },
  done (sandbox, task: DomainTaskState) {
    const domain = sandbox.state.accounts[task.account]?.domains[task.domain]
    const payload = task.payload as DomainRenewPayload | null
    if (domain === undefined || payload === null) return
    domain.expiration = addYears(domain.expiration, payload.years)
    for (const option of Object.values(domain.options ?? {})) option.expiration = domain.expiration
    if (domain.state === 'expired') domain.state = 'ok'
    domain.lastUpdate = sandbox.clock.now()
  }
}
