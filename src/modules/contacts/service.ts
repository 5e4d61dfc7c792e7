// Owner contacts (domain.Contact) and the account's contacts (me.contact.Contact): list, read,
// create, update. An owner contact's update is checked first against the `update` eligibility rules
// of every domain it owns, so a form gets per-field errors and OVH never sees a refused PUT.
// @see docs/OVH-API.md 6.3
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import { createLimiter } from '../../ovh/concurrency.js'
import type { Caller } from '../../upstream/caller.js'
import { checkRuleData, compact } from '../rules/service.js'
import { checkIdCursor, checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { validateInput } from '../shared/validate.js'
import { contactReads } from './reads.js'
import { AccountContactCreateSchema, AccountContactUpdateSchema, OwnerContactInputSchema } from './schemas.js'
import type { AccountContact, ContactFieldRule, OwnerContact, OwnerContactInput } from './schemas.js'

// Rule checks of one update in flight at once (a contact may own many domains).
const CHECK_CONCURRENCY = 4

export function contactId (id: number | string, field = 'id'): number {
  const value = typeof id === 'number' ? id : Number(id)
  if (!Number.isSafeInteger(value) || value <= 0) throw badUserInput('invalid contact id', [{ field, message: 'must be a contact id' }])
  return value
}

export async function listOwnerContacts (caller: Caller): Promise<OwnerContact[]> {
  caller.require('read')
  return contactReads(caller).owners()
}

export async function getOwnerContact (caller: Caller, id: number | string): Promise<OwnerContact | null> {
  caller.require('read')
  return contactReads(caller).owner.load(String(contactId(id)))
}

export async function createOwnerContact (caller: Caller, raw: OwnerContactInput): Promise<OwnerContact> {
  caller.require('write')
  const input = validateInput(OwnerContactInputSchema, raw, 'input')
  const client = await caller.ovh()
  const contact = await client.post<OwnerContact>('/domain/contact', { body: compact(input) })
  contactReads(caller).owner.prime(String(contact.id), contact)
  return contact
}

// `changes` over `contact`, as OVH merges a PUT: absent fields stay, the address merges field by field.
function merge (contact: OwnerContact, changes: OwnerContactInput): Record<string, unknown> {
  const { id, ...fields } = contact
  const merged: Record<string, unknown> = { ...fields }
  for (const [key, value] of Object.entries(changes)) if (key !== 'address' && value !== undefined) merged[key] = value
  if (changes.address === null) merged.address = null
  else if (changes.address !== undefined) merged.address = { ...(contact.address ?? {}), ...changes.address }
  return merged
}

// 'owner.address.city' -> 'address.city': the errors are about the contact being edited.
function contactField (error: FieldError): string {
  return error.field.startsWith('owner.') ? error.field.slice('owner.'.length) : error.field
}

/**
 * Updates an owner contact. Before the PUT, the contact as it would become is checked against the
 * `update` rules of every domain it owns (checkEligibility's check): a broken rule, or a change
 * of an owner-change field (email, names, organisation, legal form), is BAD_USER_INPUT with one
 * error per field of the contact (`address.city`), and OVH is not asked to change anything.
 */
export async function updateOwnerContact (caller: Caller, id: number | string, raw: OwnerContactInput): Promise<OwnerContact> {
  caller.require('write')
  const key = contactId(id)
  const changes = validateInput(OwnerContactInputSchema, raw, 'input')
  const reads = contactReads(caller)
  const [current, domains] = await Promise.all([
    reads.owner.load(String(key)),
    caller.ovh().then(client => client.get<string[]>('/domain', { query: { whoisOwner: String(key) } }))
  ])
  if (!current) throw notFound(`contact ${key}`)
  const owner = merge(current, changes)
  const limit = createLimiter(CHECK_CONCURRENCY)
  const checks = await Promise.all(domains.map(domain => limit(async () => ({
    domain,
    check: await checkRuleData(caller, { action: 'update', domain }, { owner })
  }))))
  const failed = checks.filter(({ check }) => !check.valid)
  if (failed.length > 0) {
    const fields = new Map<string, FieldError>()
    for (const { domain, check } of failed) {
      for (const error of check.errors) {
        const field = contactField(error)
        if (!fields.has(field)) fields.set(field, { field, message: `${error.message} (${domain})` })
      }
    }
    throw badUserInput(`the contact would break the eligibility rules of ${failed.map(f => f.domain).join(', ')}`, [...fields.values()].sort((a, b) => a.field.localeCompare(b.field)))
  }
  const client = await caller.ovh()
  const updated = await client.put<OwnerContact>('/domain/contact/{contactId}', { params: { contactId: key }, body: compact(changes) })
  reads.owner.clear(String(key)).prime(String(key), updated)
  return updated
}

export interface ContactPageArgs {
  first?: number | null
  after?: string | null
}

/** The account's contacts (GET /me/contact, then batch reads), by id. */
export async function listAccountContacts (caller: Caller, args: ContactPageArgs): Promise<NodePage<AccountContact>> {
  caller.require('read')
  const first = checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after)
  const reads = contactReads(caller)
  const page = pageOfIds(await reads.list('/me/contact'), first, args.after, 'asc')
  return nodePageOf(page, await reads.account.loadMany(page.items.map(String)))
}

export async function getAccountContact (caller: Caller, id: number | string): Promise<AccountContact | null> {
  caller.require('read')
  return contactReads(caller).account.load(String(contactId(id)))
}

/** Which fields of an account contact are mandatory or read-only (GET /me/contact/{id}/fields). */
export async function getContactFieldRules (caller: Caller, id: number | string): Promise<ContactFieldRule[] | null> {
  caller.require('read')
  return contactReads(caller).fields.load(String(contactId(id)))
}

export async function createAccountContact (caller: Caller, raw: unknown): Promise<AccountContact> {
  caller.require('write')
  const input = validateInput(AccountContactCreateSchema, raw, 'input')
  const client = await caller.ovh()
  const contact = await client.post<AccountContact>('/me/contact', { body: compact(input) })
  contactReads(caller).forgetList('/me/contact')
  return contact
}

/** Updates an account contact (PUT /me/contact/{id}); OVH's rule refusals come back per field. */
export async function updateAccountContact (caller: Caller, id: number | string, raw: unknown): Promise<AccountContact> {
  caller.require('write')
  const key = contactId(id)
  const input = validateInput(AccountContactUpdateSchema, raw, 'input')
  const client = await caller.ovh()
  const contact = await client.put<AccountContact>('/me/contact/{contactId}', { params: { contactId: key }, body: compact(input) })
  contactReads(caller).account.clear(String(key)).prime(String(key), contact)
  return contact
}
