// What end customers use on a zone besides its records: web redirections (which put their own
// records in the zone), DynHost logins and records, restore points (history) and the zone reset.
// @see docs/OVH-API.md 9.5
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { badRequest, classError, notFound } from '../errors.js'
import type { SandboxState } from '../state/types.js'
import { nextId } from '../state/types.js'
import type {
  DynHostLoginState, DynHostRecordState, RecordState, RecordType, RedirectionState, RedirectionType, ZoneRestorePointState, ZoneState
} from '../state/dns-types.js'
import { formatDateTime } from '../time.js'
import { FIRST_RECORD_ID, RECORD_SEQUENCE, historyOf, markChanged, recordsOf } from './zones.js'

// OVH's web forwarder (and parking page): a redirected name points there, and a TXT record tells
// it what to do. "3|welcome" is OVH's parking page; the other markers are the sandbox's own
// (OVH does not document them): 1 = visible (302), 2 = invisible (frame), 4 = visiblePermanent (301).
export const OVH_FORWARDER_IP = '213.186.33.5'
const MARKERS: Record<RedirectionType, string> = { visible: '1', invisible: '2', visiblePermanent: '4' }
// OVH's mail servers, in every zone it creates.
const OVH_MX = ['1 mx1.mail.ovh.net.', '5 mx2.mail.ovh.net.', '100 mx3.mail.ovh.net.']
// A DynHost record's TTL is OVH's, not the caller's.
export const DYNHOST_TTL = 60

export const redirectionsOf = (zone: ZoneState): Record<string, RedirectionState> => (zone.redirections ??= {})
export const dynHostLoginsOf = (zone: ZoneState): Record<string, DynHostLoginState> => (zone.dynHostLogins ??= {})
export const dynHostRecordsOf = (zone: ZoneState): Record<string, DynHostRecordState> => (zone.dynHostRecords ??= {})

const fqdn = (zone: ZoneState, subDomain: string): string => subDomain === '' ? zone.name : `${subDomain}.${zone.name}`

function addRecord (state: SandboxState, zone: ZoneState, fieldType: RecordType, subDomain: string, target: string, ttl = 0): RecordState {
  const record = { id: nextId(state, RECORD_SEQUENCE, FIRST_RECORD_ID), fieldType, subDomain, target, ttl }
  zone.records[String(record.id)] = record
  return record
}

// ---- Redirections ----

export function findRedirection (zone: ZoneState, id: number): RedirectionState {
  const redirection = redirectionsOf(zone)[String(id)]
  if (redirection === undefined) throw notFound(`The requested object (id = ${id}) does not exist`)
  return redirection
}

export function toRedirection (zone: ZoneState, redirection: RedirectionState) {
  return {
    description: redirection.description,
    id: redirection.id,
    keywords: redirection.keywords,
    subDomain: redirection.subDomain,
    target: redirection.target,
    title: redirection.title,
    type: redirection.type,
    zone: zone.name
  }
}

const marker = (type: RedirectionType, target: string): string => `"${MARKERS[type]}|${target.replace(/"/g, '\\"')}"`

export interface RedirectionInput {
  subDomain: string
  target: string
  type: RedirectionType
  title?: string | null
  keywords?: string | null
  description?: string | null
}

// What OVH refuses: a name that already answers otherwise (a CNAME, an address, another redirection).
function checkRedirectionName (zone: ZoneState, subDomain: string): void {
  if (subDomain !== '' && !/^(\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(subDomain)) {
    throw badRequest(`Invalid subDomain "${subDomain}"`)
  }
  if (Object.values(redirectionsOf(zone)).some(other => other.subDomain === subDomain)) {
    throw classError(409, 'Client::Conflict', `A redirection already exists on ${fqdn(zone, subDomain)}`)
  }
  const clash = recordsOf(zone).find(record => record.subDomain === subDomain && ['A', 'AAAA', 'CNAME'].includes(record.fieldType))
  if (clash !== undefined) throw badRequest(`A ${clash.fieldType} record already exists on ${fqdn(zone, subDomain)}: a redirection cannot coexist with it`)
}

export function createRedirection (state: SandboxState, zone: ZoneState, input: RedirectionInput, now: number): RedirectionState {
  if (input.target.trim() === '') throw badRequest('Missing target')
  checkRedirectionName(zone, input.subDomain)
  const address = addRecord(state, zone, 'A', input.subDomain, OVH_FORWARDER_IP)
  const txt = addRecord(state, zone, 'TXT', input.subDomain, marker(input.type, input.target))
  const redirection: RedirectionState = {
    id: nextId(state, 'redirectionId', 2_000_001),
    subDomain: input.subDomain,
    target: input.target,
    type: input.type,
    title: input.title ?? null,
    keywords: input.keywords ?? null,
    description: input.description ?? null,
    recordIds: [address.id, txt.id]
  }
  redirectionsOf(zone)[String(redirection.id)] = redirection
  markChanged(zone, now)
  return redirection
}

export function updateRedirection (zone: ZoneState, redirection: RedirectionState, input: Partial<Omit<RedirectionInput, 'subDomain'>>, now: number): void {
  if (input.target !== undefined && input.target.trim() === '') throw badRequest('Missing target')
  if (input.target !== undefined) redirection.target = input.target
  if (input.type !== undefined) redirection.type = input.type
  for (const field of ['title', 'keywords', 'description'] as const) {
    if (input[field] !== undefined) redirection[field] = input[field] ?? null
  }
  for (const id of redirection.recordIds) {
    const record = zone.records[String(id)]
    if (record?.fieldType === 'TXT') record.target = marker(redirection.type, redirection.target)
  }
  markChanged(zone, now)
}

export function deleteRedirection (zone: ZoneState, redirection: RedirectionState, now: number): void {
  for (const id of redirection.recordIds) delete zone.records[String(id)]
  delete redirectionsOf(zone)[String(redirection.id)]
  markChanged(zone, now)
}

// Redirections whose records went away with the zone's records (a reset, a restore, an import).
export function dropOrphanRedirections (zone: ZoneState): void {
  for (const redirection of Object.values(redirectionsOf(zone))) {
    if (!redirection.recordIds.every(id => zone.records[String(id)] !== undefined)) delete redirectionsOf(zone)[String(redirection.id)]
  }
}

// ---- DynHost ----

function hash (password: string, salt = randomBytes(16).toString('hex')): string {
  return `${salt}$${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`
}

export function passwordMatches (login: DynHostLoginState, password: string): boolean {
  const [salt, digest] = login.passwordHash.split('$')
  return timingSafeEqual(Buffer.from(hash(password, salt).split('$')[1]), Buffer.from(digest))
}

// OVH's DynHost clients (ddclient, routers) send the password over HTTP basic auth.
function checkPassword (password: string): void {
  if (password.length < 8 || password.length > 31) throw badRequest('The password must be from 8 to 31 characters long')
}

function checkLoginSubDomain (subDomain: string): void {
  if (subDomain !== '*' && subDomain !== '' && !/^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(subDomain)) throw badRequest(`Invalid subDomain "${subDomain}"`)
}

export function findDynHostLogin (zone: ZoneState, login: string): DynHostLoginState {
  const found = dynHostLoginsOf(zone)[login]
  if (found === undefined) throw notFound(`The requested object (login = ${login}) does not exist`)
  return found
}

export const toDynHostLogin = (zone: ZoneState, login: DynHostLoginState) => ({ login: login.login, subDomain: login.subDomain, zone: zone.name })

export function createDynHostLogin (zone: ZoneState, input: { loginSuffix: string, password: string, subDomain: string }): DynHostLoginState {
  if (!/^[a-zA-Z0-9._-]{1,31}$/.test(input.loginSuffix)) throw badRequest(`Invalid loginSuffix "${input.loginSuffix}"`)
  checkPassword(input.password)
  const subDomain = input.subDomain.trim().toLowerCase()
  checkLoginSubDomain(subDomain)
  const login = `${zone.name}-${input.loginSuffix}`
  if (dynHostLoginsOf(zone)[login] !== undefined) throw classError(409, 'Client::Conflict', `The login ${login} already exists`)
  const created = { login, subDomain, passwordHash: hash(input.password) }
  dynHostLoginsOf(zone)[login] = created
  return created
}

export function updateDynHostLogin (login: DynHostLoginState, input: { subDomain?: string }): void {
  if (input.subDomain === undefined) return
  const subDomain = input.subDomain.trim().toLowerCase()
  checkLoginSubDomain(subDomain)
  login.subDomain = subDomain
}

export function changeDynHostPassword (login: DynHostLoginState, password: string): void {
  checkPassword(password)
  login.passwordHash = hash(password)
}

export function findDynHostRecord (zone: ZoneState, id: number): DynHostRecordState {
  const record = dynHostRecordsOf(zone)[String(id)]
  if (record === undefined) throw notFound(`The requested object (id = ${id}) does not exist`)
  return record
}

export const toDynHostRecord = (zone: ZoneState, record: DynHostRecordState) => ({ id: record.id, ip: record.ip, subDomain: record.subDomain, ttl: record.ttl, zone: zone.name })

function checkDynHostName (zone: ZoneState, subDomain: string, self?: number): void {
  if (subDomain !== '' && !/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(subDomain)) throw badRequest(`Invalid subDomain "${subDomain}"`)
  if (recordsOf(zone).some(record => record.subDomain === subDomain && record.fieldType === 'CNAME')) {
    throw badRequest(`A CNAME record already exists on ${fqdn(zone, subDomain)}`)
  }
  if (Object.values(dynHostRecordsOf(zone)).some(other => other.subDomain === subDomain && other.id !== self)) {
    throw classError(409, 'Client::Conflict', `A DynHost record already exists on ${fqdn(zone, subDomain)}`)
  }
}

// DynHost records are served as they change (that is their use): no refresh needed.
export function createDynHostRecord (state: SandboxState, zone: ZoneState, input: { ip: string, subDomain: string }): DynHostRecordState {
  const subDomain = input.subDomain.trim().toLowerCase()
  checkDynHostName(zone, subDomain)
  const record = { id: nextId(state, RECORD_SEQUENCE, FIRST_RECORD_ID), subDomain, ip: input.ip, ttl: DYNHOST_TTL }
  dynHostRecordsOf(zone)[String(record.id)] = record
  return record
}

export function updateDynHostRecord (zone: ZoneState, record: DynHostRecordState, input: { ip?: string, subDomain?: string | null }): void {
  const subDomain = input.subDomain === undefined || input.subDomain === null ? record.subDomain : input.subDomain.trim().toLowerCase()
  checkDynHostName(zone, subDomain, record.id)
  record.subDomain = subDomain
  if (input.ip !== undefined) record.ip = input.ip
}

// ---- History ----

export function findRestorePoint (zone: ZoneState, creationDate: string): ZoneRestorePointState {
  const at = Date.parse(creationDate)
  const point = historyOf(zone).find(candidate => candidate.creation === at)
  if (point === undefined) throw notFound(`The requested object (creationDate = ${creationDate}) does not exist`)
  return point
}

export const toRestorePoint = (point: ZoneRestorePointState, filesUrl: string) => ({
  creationDate: formatDateTime(point.creation),
  zoneFileUrl: `${filesUrl}/zone-history/${point.token}`
})

/** Puts back the records of a restore point (new ids, as OVH gives them), to be deployed by the caller. */
export function restoreRecords (state: SandboxState, zone: ZoneState, point: ZoneRestorePointState): void {
  zone.records = {}
  for (const record of point.records) addRecord(state, zone, record.fieldType, record.subDomain, record.target, record.ttl)
  zone.soa.ttl = point.soa.ttl
  dropOrphanRedirections(zone)
}

// ---- Reset ----

export interface ResetInput {
  minimized?: boolean
  DnsRecords?: Array<{ fieldType?: 'A' | 'MX', target?: string }>
}

/**
 * POST .../reset: the zone's records become those OVH puts in a new zone (NS, then, unless
 * minimized, OVH's parking address, mail servers, SPF and www), with the A and MX records given
 * instead of OVH's. Redirections and DynHost records go with the old records. Waits for a refresh.
 */
export function resetZone (state: SandboxState, zone: ZoneState, input: ResetInput, now: number): void {
  const given = (input.DnsRecords ?? []).filter(record => record.fieldType !== undefined && record.target !== undefined)
  for (const record of given) {
    const target = record.target!.trim()
    if (record.fieldType === 'A' && !/^\d{1,3}(\.\d{1,3}){3}$/.test(target)) throw badRequest(`Invalid IPv4 address "${target}" for an A record`)
    if (record.fieldType === 'MX' && !/^(\d{1,5}\s+)?[a-z0-9.-]+\.?$/i.test(target)) throw badRequest(`Invalid mail server "${target}"`)
  }
  zone.records = {}
  zone.redirections = {}
  zone.dynHostRecords = {}
  for (const server of zone.nameServers) addRecord(state, zone, 'NS', '', `${server}.`)
  const addresses = given.filter(record => record.fieldType === 'A').map(record => record.target!.trim())
  const mail = given.filter(record => record.fieldType === 'MX').map(record => record.target!.trim()).map(target => /^\d/.test(target) ? target : `1 ${target}`)
  if (input.minimized === true) {
    for (const target of addresses) addRecord(state, zone, 'A', '', target)
    for (const target of mail) addRecord(state, zone, 'MX', '', target)
  } else {
    for (const target of mail.length > 0 ? mail : OVH_MX) addRecord(state, zone, 'MX', '', target)
    for (const target of addresses.length > 0 ? addresses : [OVH_FORWARDER_IP]) addRecord(state, zone, 'A', '', target)
    if (addresses.length === 0) addRecord(state, zone, 'TXT', '', '"3|welcome"')
    if (mail.length === 0) addRecord(state, zone, 'TXT', '', '"v=spf1 include:mx.ovh.com ~all"', 600)
    addRecord(state, zone, 'CNAME', 'www', `${zone.name}.`)
  }
  markChanged(zone, now)
}
