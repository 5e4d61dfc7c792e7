// Owner contacts (domain.Contact) and the account's contacts (me.contact.Contact): list, read,
// create, update. An update through either route (they share ids) is checked first against the
// `update` eligibility rules of every domain the contact owns, so a form gets per-field errors and
// OVH never sees a refused PUT.
// @see docs/OVH-API.md 6.3
import { badUserInput, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { compact } from '../rules/service.js'
import { checkIdCursor, checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { nothingToChange, validateInput } from '../shared/validate.js'
import { contactReads } from './reads.js'
import { AccountContactCreateSchema, AccountContactUpdateSchema, OwnerContactInputSchema } from './schemas.js'
import type { AccountContact, ContactFieldRule, OwnerContact, OwnerContactInput } from './schemas.js'
import { checkOwnerRules, domainsOwnedBy, givesChanges, mergeChanges, readOnlyErrors, refusalOnContactPaths } from './update-check.js'

// What an update that changes nothing is told to give (a PUT of {} would still be a write at OVH).
const CONTACT_FIELDS = 'the contact\'s fields (null clears one)'

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

/**
 * Updates an owner contact. Before the PUT, the contact as it would become is checked against the
 * `update` rules of every domain it owns (checkEligibility's check): a broken rule, or a change
 * of an owner-change field (email, names, organisation, legal form), is BAD_USER_INPUT with one
 * error per field of the contact (`address.city`), and OVH is not asked to change anything.
 * Every domain.Contact field may be null at OVH, so a null in the input is sent as is: it clears
 * the field, and the check sees the contact with that field cleared.
 */
export async function updateOwnerContact (caller: Caller, id: number | string, raw: OwnerContactInput): Promise<OwnerContact> {
  caller.require('write')
  const key = contactId(id)
  const changes = validateInput(OwnerContactInputSchema, raw, 'input')
  if (!givesChanges(changes)) throw nothingToChange('input', CONTACT_FIELDS)
  const reads = contactReads(caller)
  const [current, domains] = await Promise.all([reads.owner.load(String(key)), domainsOwnedBy(caller, key)])
  if (!current) throw notFound(`contact ${key}`)
  await checkOwnerRules(caller, domains, mergeChanges(current, changes))
  const client = await caller.ovh()
  const updated = await client.put<OwnerContact>('/domain/contact/{contactId}', { params: { contactId: key }, body: changes })
    .catch((err: unknown) => { throw refusalOnContactPaths(err) ?? err })
  reads.owner.clear(String(key)).prime(String(key), updated)
  // The same contact seen as me.contact.Contact is stale too.
  reads.account.clear(String(key))
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

/**
 * Updates an account contact (PUT /me/contact/{id}). It shares its id with an owner contact, so it
 * gets the owner update's check first: fields GET /me/contact/{id}/fields marks read-only, then the
 * `update` rules of every domain the contact owns; errors on the input's paths, nothing sent when
 * one fails. A null clears a field; the fields OVH's model requires are refused by the schema.
 */
export async function updateAccountContact (caller: Caller, id: number | string, raw: unknown): Promise<AccountContact> {
  caller.require('write')
  const key = contactId(id)
  const changes = validateInput(AccountContactUpdateSchema, raw, 'input')
  if (!givesChanges(changes)) throw nothingToChange('input', CONTACT_FIELDS)
  const reads = contactReads(caller)
  const [current, rules, domains] = await Promise.all([reads.account.load(String(key)), reads.fields.load(String(key)), domainsOwnedBy(caller, key)])
  if (!current) throw notFound(`contact ${key}`)
  let owner: Record<string, unknown> = {}
  if (domains.length > 0) {
    // The rules check the owner as domain.Contact, which has no spareEmail.
    const stored = await reads.owner.load(String(key))
    if (!stored) throw notFound(`contact ${key}`)
    const { spareEmail, ...ownerChanges } = changes
    owner = mergeChanges(stored, ownerChanges)
  }
  await checkOwnerRules(caller, domains, owner, readOnlyErrors(rules ?? [], current, changes))
  const client = await caller.ovh()
  const contact = await client.put<AccountContact>('/me/contact/{contactId}', { params: { contactId: key }, body: changes })
    .catch((err: unknown) => { throw refusalOnContactPaths(err) ?? err })
  reads.account.clear(String(key)).prime(String(key), contact)
  reads.owner.clear(String(key))
  return contact
}
