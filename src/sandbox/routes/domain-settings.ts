// Renewal settings (PUT /domain/{serviceName}/serviceInfos) and domain options (/option*, /options).
// @see docs/OVH-API.md 11
import { badRequest, classError, notFound } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { OvhRoute } from '../http/route.js'
import { canDeleteAtExpiration, findDomain } from '../model/domains.js'
import { zonesOf } from '../model/zones.js'
import type { DomainState } from '../state/types.js'
import { formatDateTime } from '../time.js'

interface RenewBody { renew?: { automatic?: boolean, deleteAtExpiration?: boolean, forced?: boolean, manualPayment?: boolean | null, period?: number | null } | null }

const PERIODS = [12, 24, 36, 48, 60, 72, 84, 96, 108, 120]

function optionOf (domain: DomainState, option: string) {
  const found = domain.options?.[option]
  if (found === undefined) throw notFound(`The requested object (option = ${option}) does not exist`)
  return found
}

const toOption = (option: string, state: { state: string, expiration: number }) =>
  ({ expirationDate: formatDateTime(state.expiration), option, state: state.state })

export const domainSettingsRoutes: OvhRoute[] = [
  // Only `renew` is writable; OVH ignores the read-only fields of the services.Service body.
  defineRoute({
    method: 'PUT',
    path: '/domain/{serviceName}/serviceInfos',
    handler ({ account, params, body, now, sandbox }) {
      const domain = findDomain(account, String(params.serviceName))
      const renew = (body as RenewBody).renew
      if (renew === undefined || renew === null) return null
      if (renew.deleteAtExpiration === true && !domain.renew.deleteAtExpiration && !canDeleteAtExpiration(domain)) {
        throw classError(403, 'Client::Forbidden', `The service ${domain.domain} can't be set to be deleted at expiration`)
      }
      if (renew.period !== undefined && renew.period !== null && !PERIODS.includes(renew.period)) {
        throw badRequest(`Invalid renew period ${renew.period}: possible periods are ${PERIODS.join(', ')}`)
      }
      if (renew.automatic !== undefined) domain.renew.automatic = renew.automatic
      if (renew.deleteAtExpiration !== undefined) domain.renew.deleteAtExpiration = renew.deleteAtExpiration
      if (renew.period !== undefined) domain.renew.period = renew.period
      if (domain.renew.automatic && domain.renew.period === null) domain.renew.period = 12
      domain.lastUpdate = now
      sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/option',
    handler: ({ account, params }) => Object.keys(findDomain(account, String(params.serviceName)).options ?? {}).sort()
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/option/{option}',
    batch: true,
    handler ({ account, params }) {
      const option = String(params.option)
      return toOption(option, optionOf(findDomain(account, String(params.serviceName)), option))
    }
  }),

  // Releasing an option ends it: it stays listed as released until it expires.
  defineRoute({
    method: 'DELETE',
    path: '/domain/{serviceName}/option/{option}',
    handler ({ account, params, sandbox }) {
      const option = optionOf(findDomain(account, String(params.serviceName)), String(params.option))
      if (option.state === 'released') throw badRequest(`The option ${String(params.option)} is already released`)
      option.state = 'released'
      sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/options',
    handler ({ account, params }) {
      const domain = findDomain(account, String(params.serviceName))
      const zone = zonesOf(account)[domain.domain]
      return { hosting: null, offer: null, zone: zone === undefined ? null : { serviceName: zone.name } }
    }
  })
]
