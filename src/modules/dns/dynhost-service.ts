// DynHost of a zone (OVH /domain/zone/{zone}/dynHost/*, EU only): logins that a router or a
// client such as ddclient uses to keep a name's address up to date, and the DynHost records they
// update. A login's password is a secret: it goes to OVH and nowhere else (never answered, never
// in a log or an error). OVH serves DynHost changes as they come: no zone refresh.
import { isIP } from 'node:net'
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import { OvhApiError } from '../../ovh/index.js'
import { scrubError } from '../../ovh/redact.js'
import type { Caller } from '../../upstream/caller.js'
import { checkCursor, checkIdCursor, checkPageSize, nodePageOf, pageOf, pageOfIds } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { featureReads } from './feature-reads.js'
import type { OvhDynHostLogin, OvhDynHostRecord } from './feature-schemas.js'
import { dnsReads } from './reads.js'
import { normalizeSubDomain } from './record-input.js'
import { recordId } from './record-service.js'
import { zoneName } from './zone-service.js'

const LOGINS = 'dynhost-logins'
const RECORDS = 'dynhost-records'
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 31
export const LOGIN_SUFFIX = /^[A-Za-z0-9._-]{1,31}$/
export const LOGIN = /^[A-Za-z0-9._-]{1,300}$/

interface PageArgs<F> { first?: number | null, after?: string | null, filter?: F | null }

// OVH's "ilike" filters take % as a wildcard; a caller's text is matched as given.
function likeFilter (value: string | null | undefined): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : value
}

export function checkPassword (password: string, field: string, errors: FieldError[]): void {
  // The message never quotes the password.
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) errors.push({ field, message: `must be from ${PASSWORD_MIN} to ${PASSWORD_MAX} characters` })
  // eslint-disable-next-line no-control-regex
  else if (/[\s\u0000-\u001f\u007f]/.test(password)) errors.push({ field, message: 'must not contain spaces or control characters' })
}

function loginName (login: string, field = 'login'): string {
  if (!LOGIN.test(login)) throw badUserInput('invalid DynHost login', [{ field, message: 'is not a DynHost login (the zone name, "-" and a suffix)' }])
  return login
}

// A login may update one name, or every name of the zone ("*").
function loginSubDomain (input: string, zone: string, field: string, errors: FieldError[]): string {
  return input.trim() === '*' ? '*' : normalizeSubDomain(input, zone, field, errors)
}

/** Runs an OVH call that carries a password: whatever OVH answers, the password is not in it. */
async function withSecret<T> (password: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    if (err instanceof OvhApiError) throw scrubError(err, [password])
    throw err
  }
}

function forget (caller: Caller, zone: string): void {
  featureReads(caller).forget(zone)
  dnsReads(caller).forget(zone)
}

// ---- Logins ----

export async function listDynHostLogins (caller: Caller, name: string, args: PageArgs<{ login?: string | null, subDomain?: string | null }>): Promise<NodePage<OvhDynHostLogin>> {
  caller.require('read')
  const zone = zoneName(name)
  const first = checkPageSize(args.first)
  checkCursor(args.after, LOGINS)
  const reads = featureReads(caller)
  const logins = await reads.logins(zone, { login: likeFilter(args.filter?.login), subDomain: likeFilter(args.filter?.subDomain) })
  if (logins === null) throw notFound(`DNS zone ${zone}`)
  const page = pageOf([...logins].sort(), first, args.after, undefined, LOGINS)
  return nodePageOf(page, await reads.login(zone).loadMany(page.items))
}

export async function getDynHostLogin (caller: Caller, name: string, login: string): Promise<OvhDynHostLogin | null> {
  caller.require('read')
  return featureReads(caller).login(zoneName(name)).load(loginName(login))
}

export interface DynHostLoginInput { loginSuffix: string, password: string, subDomain: string }

export async function createDynHostLogin (caller: Caller, name: string, input: DynHostLoginInput, path = 'input'): Promise<OvhDynHostLogin> {
  caller.require('write')
  const zone = zoneName(name)
  const errors: FieldError[] = []
  if (!LOGIN_SUFFIX.test(input.loginSuffix)) errors.push({ field: `${path}.loginSuffix`, message: 'must be 1 to 31 letters, digits, ".", "_" or "-" (the login is the zone name, "-" and this suffix)' })
  checkPassword(input.password, `${path}.password`, errors)
  const subDomain = loginSubDomain(input.subDomain, zone, `${path}.subDomain`, errors)
  if (errors.length > 0) throw badUserInput('invalid DynHost login', errors)
  const client = await caller.ovh()
  const created = await withSecret(input.password, () => client.post<OvhDynHostLogin>('/domain/zone/{zoneName}/dynHost/login', {
    params: { zoneName: zone },
    body: { loginSuffix: input.loginSuffix, password: input.password, subDomain }
  }))
  forget(caller, zone)
  return created
}

export async function updateDynHostLogin (caller: Caller, name: string, login: string, input: { subDomain?: string | null }, path = 'input'): Promise<OvhDynHostLogin> {
  caller.require('write')
  const zone = zoneName(name)
  const checkedLogin = loginName(login)
  if (input.subDomain === undefined || input.subDomain === null) throw badUserInput('nothing to change', [{ field: path, message: 'give subDomain' }])
  const errors: FieldError[] = []
  const subDomain = loginSubDomain(input.subDomain, zone, `${path}.subDomain`, errors)
  if (errors.length > 0) throw badUserInput('invalid DynHost login', errors)
  const client = await caller.ovh()
  await client.put('/domain/zone/{zoneName}/dynHost/login/{login}', { params: { zoneName: zone, login: checkedLogin }, body: { subDomain } })
  forget(caller, zone)
  return (await featureReads(caller).login(zone).load(checkedLogin)) ?? { login: checkedLogin, subDomain, zone }
}

export async function deleteDynHostLogin (caller: Caller, name: string, login: string): Promise<string> {
  caller.require('write')
  const zone = zoneName(name)
  const checkedLogin = loginName(login)
  const client = await caller.ovh()
  await client.delete('/domain/zone/{zoneName}/dynHost/login/{login}', { params: { zoneName: zone, login: checkedLogin } })
  forget(caller, zone)
  return checkedLogin
}

/** A new password for a login (OVH POST .../changePassword); the answer is the login, never the password. */
export async function changeDynHostPassword (caller: Caller, name: string, login: string, password: string, field = 'password'): Promise<OvhDynHostLogin> {
  caller.require('write')
  const zone = zoneName(name)
  const checkedLogin = loginName(login)
  const errors: FieldError[] = []
  checkPassword(password, field, errors)
  if (errors.length > 0) throw badUserInput('invalid password', errors)
  const client = await caller.ovh()
  await withSecret(password, () => client.post('/domain/zone/{zoneName}/dynHost/login/{login}/changePassword', { params: { zoneName: zone, login: checkedLogin }, body: { password } }))
  const found = await featureReads(caller).login(zone).load(checkedLogin)
  if (found === null) throw notFound(`DynHost login ${checkedLogin} of ${zone}`)
  return found
}

// ---- Records ----

export async function listDynHostRecords (caller: Caller, name: string, args: PageArgs<{ subDomain?: string | null }>): Promise<NodePage<OvhDynHostRecord>> {
  caller.require('read')
  const zone = zoneName(name)
  const first = checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after, 'after', RECORDS)
  const reads = featureReads(caller)
  const ids = await reads.dynHostRecordIds(zone, likeFilter(args.filter?.subDomain))
  if (ids === null) throw notFound(`DNS zone ${zone}`)
  const page = pageOfIds([...ids].sort((a, b) => a - b), first, args.after, 'asc', RECORDS)
  return nodePageOf(page, await reads.dynHostRecord(zone).loadMany(page.items.map(String)))
}

export async function getDynHostRecord (caller: Caller, name: string, id: string | number): Promise<OvhDynHostRecord | null> {
  caller.require('read')
  return featureReads(caller).dynHostRecord(zoneName(name)).load(String(recordId(id)))
}

export interface DynHostRecordInput { subDomain?: string | null, ip?: string | null }

function checkRecordInput (input: DynHostRecordInput, zone: string, path: string): { subDomain?: string, ip?: string } {
  const errors: FieldError[] = []
  const checked: { subDomain?: string, ip?: string } = {}
  if (input.subDomain !== undefined && input.subDomain !== null) {
    checked.subDomain = normalizeSubDomain(input.subDomain, zone, `${path}.subDomain`, errors)
    if (checked.subDomain.startsWith('*')) errors.push({ field: `${path}.subDomain`, message: 'a DynHost record names one host: no wildcard' })
  }
  if (input.ip !== undefined && input.ip !== null) {
    checked.ip = input.ip.trim()
    if (isIP(checked.ip) === 0) errors.push({ field: `${path}.ip`, message: 'must be an IPv4 or IPv6 address such as 192.0.2.1' })
  }
  if (errors.length > 0) throw badUserInput('invalid DynHost record', errors)
  return checked
}

// What OVH refuses: a name that is a CNAME, or that another DynHost record already has.
async function checkNameIsFree (caller: Caller, zone: string, subDomain: string, self: number | null, path: string): Promise<void> {
  const [cnames, dynamic] = await Promise.all([
    dnsReads(caller).recordIds(zone, { subDomain, fieldType: 'CNAME' }),
    featureReads(caller).dynHostRecordIds(zone, subDomain)
  ])
  if (cnames === null || dynamic === null) throw notFound(`DNS zone ${zone}`)
  const where = subDomain === '' ? zone : `${subDomain}.${zone}`
  const field = `${path}.subDomain`
  if (cnames.length > 0) throw badUserInput('the name is a CNAME', [{ field, message: `${where} is a CNAME: no other record can be on that name` }])
  // OVH's filter is "ilike": the records it lists are read to compare names exactly.
  const others = (await featureReads(caller).dynHostRecord(zone).loadMany(dynamic.filter(id => id !== self).map(String)))
    .filter(record => record !== null && !(record instanceof Error) && (record.subDomain ?? '') === subDomain)
  if (others.length > 0) throw badUserInput('the name already has a DynHost record', [{ field, message: `${where} already has a DynHost record: update it instead` }])
}

export async function createDynHostRecord (caller: Caller, name: string, input: DynHostRecordInput, path = 'input'): Promise<OvhDynHostRecord> {
  caller.require('write')
  const zone = zoneName(name)
  const checked = checkRecordInput({ subDomain: input.subDomain ?? '', ip: input.ip }, zone, path)
  if (checked.ip === undefined) throw badUserInput('invalid DynHost record', [{ field: `${path}.ip`, message: 'is required' }])
  await checkNameIsFree(caller, zone, checked.subDomain ?? '', null, path)
  const client = await caller.ovh()
  const created = await client.post<OvhDynHostRecord>('/domain/zone/{zoneName}/dynHost/record', { params: { zoneName: zone }, body: { subDomain: checked.subDomain ?? '', ip: checked.ip } })
  forget(caller, zone)
  return created
}

export async function updateDynHostRecord (caller: Caller, name: string, id: string | number, input: DynHostRecordInput, path = 'input'): Promise<OvhDynHostRecord> {
  caller.require('write')
  const zone = zoneName(name)
  const numericId = recordId(id)
  const checked = checkRecordInput(input, zone, path)
  if (checked.subDomain === undefined && checked.ip === undefined) throw badUserInput('nothing to change', [{ field: path, message: 'give at least one of subDomain, ip' }])
  const current = await featureReads(caller).dynHostRecord(zone).load(String(numericId))
  if (current === null) throw notFound(`DynHost record ${numericId} of ${zone}`)
  if (checked.subDomain !== undefined && checked.subDomain !== (current.subDomain ?? '')) await checkNameIsFree(caller, zone, checked.subDomain, numericId, path)
  const client = await caller.ovh()
  await client.put('/domain/zone/{zoneName}/dynHost/record/{id}', { params: { zoneName: zone, id: numericId }, body: checked })
  forget(caller, zone)
  return (await featureReads(caller).dynHostRecord(zone).load(String(numericId))) ?? { ...current, ...checked }
}

export async function deleteDynHostRecord (caller: Caller, name: string, id: string | number): Promise<number> {
  caller.require('write')
  const zone = zoneName(name)
  const numericId = recordId(id)
  const client = await caller.ovh()
  await client.delete('/domain/zone/{zoneName}/dynHost/record/{id}', { params: { zoneName: zone, id: numericId } })
  forget(caller, zone)
  return numericId
}
