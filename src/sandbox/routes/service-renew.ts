// Renewal on demand (services.json, service.json): the periods a service can be renewed for, their
// prices, and the renew order, paid like any order (/me/order/{orderId}/pay...), whose delivery
// runs a DomainRenew task; and the NIC's automatic renewal settings (me.json /me/autorenew).
// @see docs/OVH-API.md 11, src/sandbox/model/renewals.ts
import { notFound } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { toBillingOrder } from '../model/orders.js'
import { createRenewOrder, domainRenewHandler, renewDescriptions, renewedDomains, renewPeriods } from '../model/renewals.js'
import type { RenewRequest } from '../model/renewals.js'
import { findService } from '../model/services.js'
import { formatDateTime } from '../time.js'

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
