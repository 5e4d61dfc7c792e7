// Renewal on demand (services.json, service.json): the periods a service can be renewed for, their
// prices, and the renew order, paid like any order (/me/order/{orderId}/pay...), whose delivery
// runs a DomainRenew task; immediate termination with the token OVH emails; and the NIC's
// automatic renewal settings (me.json /me/autorenew).
// @see docs/OVH-API.md 11, src/sandbox/model/renewals.ts
import { badRequest, classError, notFound } from '../errors.js'
import { randomKey } from '../ids.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { toBillingOrder } from '../model/orders.js'
import { createRenewOrder, domainRenewHandler, renewDescriptions, renewedDomains, renewPeriods } from '../model/renewals.js'
import type { RenewRequest } from '../model/renewals.js'
import { findService } from '../model/services.js'
import { findZone } from '../model/zones.js'
import { formatDateTime } from '../time.js'

// States a domain can be terminated from (not while it is created, transferred, or already deleted).
const TERMINABLE = new Set(['ok', 'expired', 'registry_suspended', 'technical_suspended', 'dispute'])

export const serviceRenewArea: SandboxArea = {
  name: 'service-renew',
  taskHandlers: { DomainRenew: domainRenewHandler },
  routes: [
    defineRoute({
      method: 'GET',
      path: '/services/{serviceId}/renewPeriodCapacities',
      handler: ({ account, params, now }) => renewPeriods(findService(account, Number(params.serviceId)), now)
    }),

    defineRoute({
      method: 'GET',
      path: '/service/{serviceId}/renew',
      handler: ({ account, params, now }) => renewDescriptions(account, findService(account, Number(params.serviceId)), now)
    }),

    defineRoute({
      method: 'POST',
      path: '/service/{serviceId}/renew',
      handler ({ sandbox, account, params, body, now }) {
        const request = body as RenewRequest
        const domains = renewedDomains(account, Number(params.serviceId), request, now)
        const order = createRenewOrder(sandbox, account, domains, request.duration, now)
        const billing = toBillingOrder(order)
        // A dry run prices the order and keeps nothing.
        if (request.dryRun === true) delete sandbox.state.orders?.accounts[account.nic]?.orders[String(order.orderId)]
        const { orderId, date, expirationDate, password, pdfUrl, priceWithTax, priceWithoutTax, retractionDate, tax, url } = billing
        const plain = ({ currencyCode, text, value }: typeof tax) => ({ currencyCode, text, value })
        return { date, expirationDate, orderId: request.dryRun === true ? 0 : orderId, password, pdfUrl, priceWithTax: plain(priceWithTax), priceWithoutTax: plain(priceWithoutTax), retractionDate, tax: plain(tax), url }
      }
    }),

    // Immediate termination: OVH emails a token to the admin contact, which the confirmation takes
    // (the sandbox sends no email: the admin API's GET /admin/terminations/{serviceId}/token shows it).
    // Confirmed, the domain is deleted at the registry and enters redemption (pending_delete),
    // from which it can still be restored.
    defineRoute({
      method: 'POST',
      path: '/services/{serviceId}/terminate',
      handler ({ account, params, now }) {
        const domain = findService(account, Number(params.serviceId))
        if (!TERMINABLE.has(domain.state)) throw classError(403, 'Client::Forbidden', `The service ${domain.domain} cannot be terminated while it is ${domain.state}`)
        account.terminations ??= {}
        account.terminations[String(domain.serviceId)] = { token: randomKey(32), requested: now }
        return { message: `A termination request was made for ${domain.domain}: follow the instructions sent by email to the administrator contact (${domain.contacts.admin}) to confirm it` }
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/services/{serviceId}/terminate/confirm',
      handler ({ account, params, body, now }) {
        const domain = findService(account, Number(params.serviceId))
        const pending = account.terminations?.[String(domain.serviceId)]
        if (pending === undefined) throw badRequest(`No termination of ${domain.domain} is waiting for a confirmation`)
        if ((body as { token: string }).token !== pending.token) throw classError(403, 'Client::Forbidden', 'Invalid termination token')
        delete account.terminations?.[String(domain.serviceId)]
        domain.state = 'pending_delete'
        domain.renew = { ...domain.renew, automatic: false, deleteAtExpiration: true }
        domain.lastUpdate = now
        return { message: `The service ${domain.domain} is terminated` }
      }
    }),

    // A DNS zone's termination, OVH's older flow (domain.json): the request, then the confirmation
    // with the emailed token (the admin API's GET /admin/zones/{zoneName}/termination-token), which
    // deletes the zone.
    defineRoute({
      method: 'POST',
      path: '/domain/zone/{zoneName}/terminate',
      handler ({ account, params, now }) {
        const zone = findZone(account, String(params.zoneName))
        zone.termination = { token: randomKey(32), requested: now }
        return `A termination request was made for the zone ${zone.name}: follow the instructions sent by email to confirm it`
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/domain/zone/{zoneName}/confirmTermination',
      handler ({ account, params, body }) {
        const zone = findZone(account, String(params.zoneName))
        if (zone.termination === undefined) throw badRequest(`No termination of the zone ${zone.name} is waiting for a confirmation`)
        if ((body as { token: string }).token !== zone.termination.token) throw classError(403, 'Client::Forbidden', 'Invalid termination token')
        delete account.zones?.[zone.name]
        return `The zone ${zone.name} is terminated`
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/autorenew',
      handler ({ account }) {
        const settings = account.autorenew
        if (settings === undefined) throw notFound('No automatic renewal is configured for this account')
        return { active: settings.active, lastRenew: settings.lastRenew === null ? null : formatDateTime(settings.lastRenew), renewDay: settings.renewDay }
      }
    })
  ]
}
