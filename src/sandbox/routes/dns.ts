// /domain/zone*: zones, status, refresh, export/import, SOA and DNSSEC; records and zone tasks are
// in their own files. DNS changes are deployed by POST .../refresh (SANDBOX.md).
// @see docs/OVH-API.md 9.5
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { exportZone } from '../model/zone-file.js'
import { dnsUpdateHandler, dsUpdateHandler, hostHandlers } from '../model/name-servers.js'
import { createZoneTask, toZoneTask, zoneTaskEvents } from '../model/zone-tasks.js'
import { deploy, findZone, markChanged, toZone, zonesOf, zoneStatus } from '../model/zones.js'
import { dnsFeatureRoutes } from './dns-features.js'
import { dnsRecordRoutes } from './dns-records.js'
import { nameServerRoutes } from './dns-registry.js'
import { zoneServiceRoutes } from './dns-zone-services.js'
import { zoneTaskRoutes } from './dns-zone-tasks.js'

const SOA_FIELDS = ['email', 'refresh', 'expire', 'nxDomainTtl', 'ttl'] as const

export const dnsArea: SandboxArea = {
  name: 'dns',
  events: zoneTaskEvents,
  // Registry-side DNS changes are domain tasks (the TASKS area runs them).
  taskHandlers: { DomainDnsUpdate: dnsUpdateHandler, DomainDsUpdate: dsUpdateHandler, ...hostHandlers },
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain/zone',
      handler: ({ account }) => Object.keys(zonesOf(account)).sort()
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/zone/{zoneName}',
      batch: true,
      handler: ({ account, params }) => toZone(findZone(account, String(params.zoneName)))
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/zone/{zoneName}/status',
      handler: ({ account, params }) => zoneStatus(account, findZone(account, String(params.zoneName)))
    }),

    defineRoute({
      method: 'POST',
      path: '/domain/zone/{zoneName}/refresh',
      handler ({ account, params, now, sandbox }) {
        deploy(findZone(account, String(params.zoneName)), now)
        sandbox.touch()
        return null
      }
    }),

    // The zone as configured, including changes not yet refreshed (what the next refresh deploys),
    // with the SOA serial of the last deployment.
    defineRoute({
      method: 'GET',
      path: '/domain/zone/{zoneName}/export',
      handler: ({ account, params }) => exportZone(findZone(account, String(params.zoneName)))
    }),

    defineRoute({
      method: 'POST',
      path: '/domain/zone/{zoneName}/import',
      // OVH documents no limit; the sandbox takes any file the gateway lets through (6 MB).
      bodyLimit: 8 * 1024 * 1024,
      handler ({ account, params, body, sandbox }) {
        const zone = findZone(account, String(params.zoneName))
        const { zoneFile } = body as { zoneFile: string }
        if (zoneFile.trim() === '') throw badRequest('The zone file is empty')
        const task = createZoneTask(sandbox, account, zone, 'ZoneImport', { zoneFile })
        sandbox.touch()
        return toZoneTask(task)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/zone/{zoneName}/soa',
      handler: ({ account, params }) => ({ ...findZone(account, String(params.zoneName)).soa })
    }),

    // OVH keeps the SOA server and serial itself: only the timers, the TTL and the email change.
    defineRoute({
      method: 'PUT',
      path: '/domain/zone/{zoneName}/soa',
      handler ({ account, params, body, now, sandbox }) {
        const zone = findZone(account, String(params.zoneName))
        const input = body as Partial<Record<typeof SOA_FIELDS[number], string | number>>
        for (const field of SOA_FIELDS) {
          const value = input[field]
          if (value === undefined) continue
          if (field === 'email') {
            if (typeof value !== 'string' || !/^[^\s@]+(@|\.)[^\s@]+\.[^\s@]+$/.test(value)) throw badRequest(`Invalid SOA email "${String(value)}"`)
            zone.soa.email = value
          } else {
            if (typeof value !== 'number' || value < 0) throw badRequest(`Invalid SOA ${field} ${String(value)}`)
            zone.soa[field] = value
          }
        }
        markChanged(zone, now)
        sandbox.touch()
        return null
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/zone/{zoneName}/dnssec',
      handler: ({ account, params }) => ({ status: findZone(account, String(params.zoneName)).dnssec })
    }),

    defineRoute({
      method: 'POST',
      path: '/domain/zone/{zoneName}/dnssec',
      handler ({ account, params, sandbox }) {
        const zone = findZone(account, String(params.zoneName))
        if (!zone.dnssecSupported) throw badRequest(`DNSSEC is not supported for the zone ${zone.name}`)
        if (zone.dnssec !== 'disabled') throw badRequest(`DNSSEC is already ${zone.dnssec === 'enabled' ? 'enabled' : 'being changed'} on ${zone.name}`)
        zone.dnssec = 'enableInProgress'
        createZoneTask(sandbox, account, zone, 'DnssecEnable')
        sandbox.touch()
        return null
      }
    }),

    defineRoute({
      method: 'DELETE',
      path: '/domain/zone/{zoneName}/dnssec',
      handler ({ account, params, sandbox }) {
        const zone = findZone(account, String(params.zoneName))
        if (zone.dnssec !== 'enabled') throw badRequest(`DNSSEC is not enabled on ${zone.name}`)
        zone.dnssec = 'disableInProgress'
        createZoneTask(sandbox, account, zone, 'DnssecDisable')
        sandbox.touch()
        return null
      }
    }),

    ...dnsRecordRoutes,
    ...dnsFeatureRoutes,
    ...zoneTaskRoutes,
    ...zoneServiceRoutes,
    ...nameServerRoutes
  ]
}
