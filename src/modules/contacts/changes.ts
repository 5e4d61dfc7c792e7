// Changing the admin, tech or billing NIC of a domain (POST /domain/{serviceName}/changeContact)
// and following the requests it opens (/me/task/contactChange*): both NICs accept with the token
// emailed to them, either can refuse. @see docs/OVH-API.md 6.2
import { OvhApiError } from '../../ovh/index.js'
import { badUserInput, gatewayError, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { checkIdCursor, checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { validateInput } from '../shared/validate.js'
import { contactReads } from './reads.js'
import { ContactChangeFilterSchema, DomainContactChangeSchema, TokenSchema } from './schemas.js'
import type { ContactChange, ContactChangeFilter, DomainContactChange } from './schemas.js'

const PENDING = new Set(['todo', 'checkValidity', 'validatingByCustomers'])
// Pending requests are recent (OVH expires them after a couple of weeks): the newest are enough.
const RECENT_REQUESTS = 200

function requestId (id: number | string): number {
  const value = typeof id === 'number' ? id : Number(id)
  if (!Number.isSafeInteger(value) || value <= 0) throw badUserInput('invalid request id', [{ field: 'id', message: 'must be a contact-change request id' }])
  return value
}

async function loadAll (caller: Caller, ids: number[]): Promise<ContactChange[]> {
  const loaded = await contactReads(caller).change.loadMany(ids.map(String))
  return loaded.flatMap(change => {
    if (change instanceof Error) throw change
    return change ? [change] : []
  })
}

/** Asks OVH to change NICs of a domain; returns the requests opened (one per pair of NICs). */
export async function changeDomainContacts (caller: Caller, domain: string, raw: DomainContactChange): Promise<ContactChange[]> {
  caller.require('write')
  const name = normalizeDomainName(domain, 'domain')
  const input = validateInput(DomainContactChangeSchema, raw)
  const body: Record<string, string> = {}
  if (input.admin) body.contactAdmin = input.admin
  if (input.tech) body.contactTech = input.tech
  if (input.billing) body.contactBilling = input.billing
  const client = await caller.ovh()
  const ids = await client.post<number[]>('/domain/{serviceName}/changeContact', { params: { serviceName: name }, body })
  return loadAll(caller, ids)
}

export async function listContactChanges (caller: Caller, args: { first?: number | null, after?: string | null, filter?: ContactChangeFilter | null }): Promise<NodePage<ContactChange>> {
  caller.require('read')
  const first = checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after)
  const filter = validateInput(ContactChangeFilterSchema, args.filter ?? {}, 'filter')
  const query: Record<string, string> = {}
  if (filter.askingAccount) query.askingAccount = filter.askingAccount
  if (filter.toAccount) query.toAccount = filter.toAccount
  if (filter.state) query.state = filter.state
  const reads = contactReads(caller)
  const page = pageOfIds(await reads.list('/me/task/contactChange', query), first, args.after, 'desc')
  return nodePageOf(page, await reads.change.loadMany(page.items.map(String)))
}

export async function getContactChange (caller: Caller, id: number | string): Promise<ContactChange | null> {
  caller.require('read')
  return contactReads(caller).change.load(String(requestId(id)))
}

/** The pending request to change `role` of `domain`, if any (Domain.adminAccount.pendingChange). */
export async function pendingContactChange (caller: Caller, domain: string, role: ContactChange['contactTypes'][number]): Promise<ContactChange | null> {
  caller.require('read')
  const recent = caller.memo('contacts.pendingChanges', async () => {
    const ids = (await contactReads(caller).list('/me/task/contactChange')).sort((a, b) => b - a).slice(0, RECENT_REQUESTS)
    return (await loadAll(caller, ids)).filter(change => PENDING.has(change.state))
  })
  return (await recent).find(change => change.serviceDomain === domain && change.contactTypes.includes(role)) ?? null
}

// The request must still wait for validation: otherwise CONFLICT, without calling OVH.
async function pendingRequest (caller: Caller, id: number, action: string): Promise<ContactChange> {
  const change = await contactReads(caller).change.load(String(id))
  if (!change) throw notFound(`contact-change request ${id}`)
  if (!PENDING.has(change.state)) {
    throw gatewayError('CONFLICT', `contact-change request ${id} is ${change.state}: it can no longer be ${action}`, { reason: 'REQUEST_NOT_PENDING', request: { id, state: change.state } })
  }
  return change
}

// How OVH refuses a token that is not the one emailed to the caller's NIC for this request: a 400
// whose message is about the token ("The token is not valid"). @see docs/OVH-API.md 6.2
function isBadToken (err: unknown): err is OvhApiError {
  return err instanceof OvhApiError && err.status === 400 && /\btoken\b/i.test(err.message)
}

async function answer (caller: Caller, action: 'accept' | 'refuse', rawId: number | string, rawToken: string): Promise<ContactChange> {
  caller.require('write')
  const id = requestId(rawId)
  const token = validateInput(TokenSchema, rawToken, 'token')
  await pendingRequest(caller, id, action === 'accept' ? 'accepted' : 'refused')
  const client = await caller.ovh()
  try {
    await client.post(`/me/task/contactChange/{id}/${action}`, { params: { id }, body: { token } })
  } catch (err) {
    // Only OVH's refusal of the token itself is about the token; any other 400 (the request moved
    // on since it was read above...) keeps OVH's own words, as every other refusal does.
    if (isBadToken(err)) {
      throw gatewayError('BAD_USER_INPUT', 'the token is not valid for this request', {
        fields: [{ field: 'token', message: 'is not the token emailed to your NIC for this request' }],
        ovh: { status: err.status, class: err.errorClass, message: err.message, queryId: err.queryId }
      })
    }
    throw err
  }
  const reads = contactReads(caller)
  reads.change.clear(String(id))
  const fresh = await reads.change.load(String(id))
  if (!fresh) throw notFound(`contact-change request ${id}`)
  return fresh
}

/** Accepts a request with the token emailed to the caller's NIC. */
export function acceptContactChange (caller: Caller, id: number | string, token: string): Promise<ContactChange> {
  return answer(caller, 'accept', id, token)
}

/** Refuses a request with the token emailed to the caller's NIC. */
export function refuseContactChange (caller: Caller, id: number | string, token: string): Promise<ContactChange> {
  return answer(caller, 'refuse', id, token)
}

/** Sends the validation emails again. */
export async function resendContactChangeEmail (caller: Caller, rawId: number | string): Promise<ContactChange> {
  caller.require('write')
  const id = requestId(rawId)
  const change = await pendingRequest(caller, id, 'resent')
  const client = await caller.ovh()
  await client.post('/me/task/contactChange/{id}/resendEmail', { params: { id } })
  return change
}
