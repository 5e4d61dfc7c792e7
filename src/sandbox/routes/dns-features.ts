// /domain/zone/{zoneName}/redirection*, /dynHost/*, /history* and /reset: what end customers use on
// a zone besides its records. Redirections and the reset change records and wait for a refresh, as
// record changes do; DynHost changes are served at once. @see docs/OVH-API.md 9.5
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { OvhRoute } from '../http/route.js'
import {
  changeDynHostPassword, createDynHostLogin, createDynHostRecord, createRedirection, deleteRedirection, dynHostLoginsOf, dynHostRecordsOf,
  findDynHostLogin, findDynHostRecord, findRedirection, findRestorePoint, redirectionsOf, resetZone, toDynHostLogin, toDynHostRecord,
  toRedirection, toRestorePoint, updateDynHostLogin, updateDynHostRecord, updateRedirection
} from '../model/zone-features.js'
import type { RedirectionInput, ResetInput } from '../model/zone-features.js'
import { createZoneTask, toZoneTask } from '../model/zone-tasks.js'
import { findZone, historyOf } from '../model/zones.js'
import { formatDateTime } from '../time.js'

const lower = (value: string | null | undefined): string => (value ?? '').trim().toLowerCase()
// OVH's "ilike" filters: % is any run of characters, matched without case.
function ilike (value: string, pattern: unknown): boolean {
  if (pattern === undefined) return true
  const escaped = String(pattern).toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')
  return new RegExp(`^${escaped}$`).test(value.toLowerCase())
}
const byId = (a: { id: number }, b: { id: number }) => a.id - b.id

export const dnsFeatureRoutes: OvhRoute[] = [
  // ---- Redirections ----
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/redirection',
    handler ({ account, params, query }) {
      const zone = findZone(account, String(params.zoneName))
      const subDomain = query.subDomain === undefined ? undefined : lower(String(query.subDomain))
      return Object.values(redirectionsOf(zone)).filter(r => subDomain === undefined || r.subDomain === subDomain).sort(byId).map(r => r.id)
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/redirection/{id}',
    batch: true,
    handler ({ account, params }) {
      const zone = findZone(account, String(params.zoneName))
      return toRedirection(zone, findRedirection(zone, Number(params.id)))
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/redirection',
    handler ({ account, params, body, now, state, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const input = body as Omit<RedirectionInput, 'subDomain'> & { subDomain?: string }
      const redirection = createRedirection(state, zone, { ...input, subDomain: lower(input.subDomain), target: input.target.trim() }, now)
      sandbox.touch()
      return toRedirection(zone, redirection)
    }
  }),

  defineRoute({
    method: 'PUT',
    path: '/domain/zone/{zoneName}/redirection/{id}',
    handler ({ account, params, body, now, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const input = body as Partial<Omit<RedirectionInput, 'subDomain'>>
      updateRedirection(zone, findRedirection(zone, Number(params.id)), { ...input, ...(input.target === undefined ? {} : { target: input.target.trim() }) }, now)
      sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'DELETE',
    path: '/domain/zone/{zoneName}/redirection/{id}',
    handler ({ account, params, now, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      deleteRedirection(zone, findRedirection(zone, Number(params.id)), now)
      sandbox.touch()
      return null
    }
  }),

  // ---- DynHost logins ----
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/dynHost/login',
    handler ({ account, params, query }) {
      const zone = findZone(account, String(params.zoneName))
      return Object.values(dynHostLoginsOf(zone))
        .filter(login => ilike(login.login, query.login) && ilike(login.subDomain, query.subDomain))
        .map(login => login.login)
        .sort()
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/dynHost/login/{login}',
    batch: true,
    handler ({ account, params }) {
      const zone = findZone(account, String(params.zoneName))
      return toDynHostLogin(zone, findDynHostLogin(zone, String(params.login)))
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/dynHost/login',
    handler ({ account, params, body, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const login = createDynHostLogin(zone, body as { loginSuffix: string, password: string, subDomain: string })
      sandbox.touch()
      return toDynHostLogin(zone, login)
    }
  }),

  defineRoute({
    method: 'PUT',
    path: '/domain/zone/{zoneName}/dynHost/login/{login}',
    handler ({ account, params, body, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      updateDynHostLogin(findDynHostLogin(zone, String(params.login)), body as { subDomain?: string })
      sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'DELETE',
    path: '/domain/zone/{zoneName}/dynHost/login/{login}',
    handler ({ account, params, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const login = findDynHostLogin(zone, String(params.login))
      delete dynHostLoginsOf(zone)[login.login]
      sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/dynHost/login/{login}/changePassword',
    handler ({ account, params, body, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      changeDynHostPassword(findDynHostLogin(zone, String(params.login)), (body as { password: string }).password)
      sandbox.touch()
      return null
    }
  }),

  // ---- DynHost records ----
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/dynHost/record',
    handler ({ account, params, query }) {
      const zone = findZone(account, String(params.zoneName))
      return Object.values(dynHostRecordsOf(zone)).filter(record => ilike(record.subDomain, query.subDomain)).sort(byId).map(record => record.id)
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/dynHost/record/{id}',
    batch: true,
    handler ({ account, params }) {
      const zone = findZone(account, String(params.zoneName))
      return toDynHostRecord(zone, findDynHostRecord(zone, Number(params.id)))
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/dynHost/record',
    handler ({ account, params, body, state, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const input = body as { ip?: string, subDomain?: string | null }
      if (input.ip === undefined) throw badRequest('Missing parameter: ip')
      const record = createDynHostRecord(state, zone, { ip: input.ip, subDomain: input.subDomain ?? '' })
      zone.lastUpdate = sandbox.clock.now()
      sandbox.touch()
      return toDynHostRecord(zone, record)
    }
  }),

  defineRoute({
    method: 'PUT',
    path: '/domain/zone/{zoneName}/dynHost/record/{id}',
    handler ({ account, params, body, now, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      updateDynHostRecord(zone, findDynHostRecord(zone, Number(params.id)), body as { ip?: string, subDomain?: string | null })
      zone.lastUpdate = now
      sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'DELETE',
    path: '/domain/zone/{zoneName}/dynHost/record/{id}',
    handler ({ account, params, now, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      delete dynHostRecordsOf(zone)[String(findDynHostRecord(zone, Number(params.id)).id)]
      zone.lastUpdate = now
      sandbox.touch()
      return null
    }
  }),

  // ---- History ----
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/history',
    handler ({ account, params, query }) {
      const zone = findZone(account, String(params.zoneName))
      const from = query['creationDate.from'] === undefined ? -Infinity : Date.parse(String(query['creationDate.from']))
      const to = query['creationDate.to'] === undefined ? Infinity : Date.parse(String(query['creationDate.to']))
      // Newest first, as OVH lists them.
      return historyOf(zone).filter(point => point.creation >= from && point.creation <= to).map(point => point.creation).sort((a, b) => b - a).map(formatDateTime)
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/history/{creationDate}',
    handler ({ account, params, origin, mountPrefix }) {
      const zone = findZone(account, String(params.zoneName))
      return toRestorePoint(findRestorePoint(zone, String(params.creationDate)), `${origin}${mountPrefix}/files`)
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/history/{creationDate}/restore',
    handler ({ account, params, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const point = findRestorePoint(zone, String(params.creationDate))
      const task = createZoneTask(sandbox, account, zone, 'ZoneRestore', { creation: point.creation })
      sandbox.touch()
      return toZoneTask(task)
    }
  }),

  // ---- Reset ----
  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/reset',
    handler ({ account, params, body, now, state, sandbox }) {
      resetZone(state, findZone(account, String(params.zoneName)), (body ?? {}) as ResetInput, now)
      sandbox.touch()
      return null
    }
  })
]
