// A zone as a service: its renewal settings (/domain/zone/{zoneName}/serviceInfos), its options and
// theirs (/option, /option/{name}, /option/{name}/serviceInfos), and what it can do (/capabilities).
// @see docs/OVH-API.md 9.5
import { defineRoute } from '../http/route.js'
import type { OvhCallContext, OvhRoute } from '../http/route.js'
import { toZoneServiceInfos, updateZoneRenew, zoneOptionNames, zoneOptionService, zoneService } from '../model/zone-services.js'
import { findZone } from '../model/zones.js'

type RenewBody = { renew?: Parameters<typeof updateZoneRenew>[2] }

const zoneOf = ({ account, params }: OvhCallContext) => findZone(account, String(params.zoneName))

function optionOf (context: OvhCallContext) {
  const zone = zoneOf(context)
  return { zone, service: zoneOptionService(context.sandbox, context.account, zone, String(context.params.name)) }
}

export const zoneServiceRoutes: OvhRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/serviceInfos',
    handler (context) {
      const zone = zoneOf(context)
      return toZoneServiceInfos(context.account, zone, zoneService(context.sandbox, context.account, zone), context.now)
    }
  }),
  // The body is a whole services.Service; only its `renew` is writable, as for a domain.
  defineRoute({
    method: 'PUT',
    path: '/domain/zone/{zoneName}/serviceInfos',
    handler (context) {
      const zone = zoneOf(context)
      updateZoneRenew(context.sandbox, zoneService(context.sandbox, context.account, zone), (context.body as RenewBody | undefined)?.renew)
      return null
    }
  }),
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/option',
    handler: context => zoneOptionNames(zoneOf(context))
  }),
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/option/{name}',
    handler (context) {
      optionOf(context)
      return { name: String(context.params.name) }
    }
  }),
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/option/{name}/serviceInfos',
    handler (context) {
      const { zone, service } = optionOf(context)
      return toZoneServiceInfos(context.account, zone, service, context.now)
    }
  }),
  // This one's body is the renew settings alone (service.RenewType), not a services.Service.
  defineRoute({
    method: 'PUT',
    path: '/domain/zone/{zoneName}/option/{name}/serviceInfos',
    handler (context) {
      updateZoneRenew(context.sandbox, optionOf(context).service, (context.body as RenewBody | undefined)?.renew)
      return null
    }
  }),
  // Every zone of the sandbox can have DynHost (OVH's CA region cannot: docs/OVH-API.md 1).
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/capabilities',
    handler (context) {
      zoneOf(context)
      return { dynHost: true }
    }
  })
]
