// /domain/zone/{zoneName}/record*: list (filtered), read (batch), create, update, delete. Changes
// wait for POST .../refresh. @see docs/OVH-API.md 9.5
import { defineRoute } from '../http/route.js'
import type { OvhRoute } from '../http/route.js'
import { checkRecord } from '../model/record-checks.js'
import { FIRST_RECORD_ID, RECORD_SEQUENCE, findRecord, findZone, markChanged, recordsOf, toRecord } from '../model/zones.js'
import { nextId } from '../state/types.js'
import type { RecordType } from '../state/dns-types.js'

interface RecordBody { fieldType?: RecordType, subDomain?: string | null, target?: string, ttl?: number | null }

const lower = (value: string | null | undefined): string => (value ?? '').trim().toLowerCase()

export const dnsRecordRoutes: OvhRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/record',
    handler ({ account, params, query }) {
      const zone = findZone(account, String(params.zoneName))
      const fieldType = query.fieldType as string | undefined
      // An empty subDomain selects the apex records.
      const subDomain = query.subDomain === undefined ? undefined : lower(String(query.subDomain))
      return recordsOf(zone)
        .filter(record => (fieldType === undefined || record.fieldType === fieldType) && (subDomain === undefined || record.subDomain === subDomain))
        .map(record => record.id)
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/record/{id}',
    batch: true,
    handler ({ account, params }) {
      const zone = findZone(account, String(params.zoneName))
      return toRecord(zone, findRecord(zone, Number(params.id)))
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/record',
    handler ({ account, params, body, now, state, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const input = body as Required<Pick<RecordBody, 'fieldType' | 'target'>> & RecordBody
      const candidate = { fieldType: input.fieldType, subDomain: lower(input.subDomain), target: input.target.trim(), ttl: input.ttl ?? 0 }
      checkRecord(zone, candidate)
      const record = { id: nextId(state, RECORD_SEQUENCE, FIRST_RECORD_ID), ...candidate }
      zone.records[String(record.id)] = record
      markChanged(zone, now)
      sandbox.touch()
      return toRecord(zone, record)
    }
  }),

  defineRoute({
    method: 'PUT',
    path: '/domain/zone/{zoneName}/record/{id}',
    handler ({ account, params, body, now, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const record = findRecord(zone, Number(params.id))
      const input = body as RecordBody
      const changed = {
        ...record,
        ...(input.subDomain !== undefined ? { subDomain: lower(input.subDomain) } : {}),
        ...(input.target !== undefined ? { target: input.target.trim() } : {}),
        ...(input.ttl !== undefined && input.ttl !== null ? { ttl: input.ttl } : {})
      }
      checkRecord(zone, changed)
      Object.assign(record, changed)
      markChanged(zone, now)
      sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'DELETE',
    path: '/domain/zone/{zoneName}/record/{id}',
    handler ({ account, params, now, sandbox }) {
      const zone = findZone(account, String(params.zoneName))
      const record = findRecord(zone, Number(params.id))
      delete zone.records[String(record.id)]
      markChanged(zone, now)
      sandbox.touch()
      return null
    }
  })
]
