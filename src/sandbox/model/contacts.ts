// Owner contacts of an account: creation, lookup and their two OVH views (domain.Contact for
// /domain/contact*, me.contact.Contact for /me/contact*), which share ids. @see docs/OVH-API.md 6
import { notFound } from '../errors.js'
import type { SandboxCore } from '../core.js'
import { nextId } from '../state/types.js'
import type { AccountState, ContactAddressState, ContactFields, ContactState, SandboxState } from '../state/types.js'

// Ids of owner contacts, across accounts (OVH's are global too).
export const CONTACT_SEQUENCE = 'contactId'
export const FIRST_CONTACT_ID = 10_000_001

const ADDRESS_KEYS: ReadonlyArray<keyof ContactAddressState> = ['line1', 'line2', 'line3', 'city', 'zip', 'province', 'country', 'otherDetails']

export function blankAddress (): ContactAddressState {
  return { line1: null, line2: null, line3: null, city: null, zip: null, province: null, country: null, otherDetails: null }
}

export function blankContact (): ContactFields {
  return {
    accreditationCountry: null,
    accreditationId: null,
    accreditationOrganism: null,
    accreditationYear: null,
    address: null,
    birthCity: null,
    birthCountry: null,
    birthDay: null,
    birthZip: null,
    cellPhone: null,
    companyNationalIdentificationNumber: null,
    email: null,
    enterpriseId: null,
    fax: null,
    firstName: null,
    gender: null,
    insee: null,
    language: null,
    lastName: null,
    legalForm: null,
    legalFormCategory: null,
    nationalIdentificationNumber: null,
    nationality: null,
    organisationAccountable: null,
    organisationFunding: null,
    organisationFundingOther: null,
    organisationName: null,
    organisationRole: null,
    organisationRoleOther: null,
    organisationStaffStatus: null,
    organisationStaffStatusOther: null,
    organisationType: null,
    organisationTypeOther: null,
    phone: null,
    registrantDocumentType: null,
    registrantDocumentTypeOther: null,
    roleInOrganisation: null,
    trademarkId: null,
    vat: null,
    website: null,
    spareEmail: null
  }
}

export type ContactInput = Partial<Omit<ContactFields, 'address'>> & { address?: Partial<ContactAddressState> | null, id?: number }

function accountOf (state: SandboxState, account: AccountState | string): AccountState {
  if (typeof account !== 'string') return account
  const found = state.accounts[account]
  if (found === undefined) throw new Error(`no sandbox account ${account}`)
  return found
}

// `changes` over `contact`: fields absent from `changes` keep their value, null clears one; the
// address merges field by field. Unknown keys (and `id`) are ignored.
export function mergeContact (contact: ContactFields, changes: ContactInput): ContactFields {
  const merged: ContactFields = { ...contact }
  for (const key of Object.keys(merged) as Array<keyof ContactFields>) {
    if (key === 'address' || (key as string) === 'id' || !(key in changes)) continue
    const value = (changes as Record<string, unknown>)[key]
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value
  }
  if (changes.address === null) merged.address = null
  else if (changes.address !== undefined) {
    const address = { ...(contact.address ?? blankAddress()) }
    for (const key of ADDRESS_KEYS) {
      const value = changes.address[key]
      if (value !== undefined) address[key] = value
    }
    merged.address = address
  }
  return merged
}

/** A new owner contact on `account` with the fields given (the rest null); returns it. */
export function createContact (sandbox: Pick<SandboxCore, 'state'>, account: AccountState | string, input: ContactInput): ContactState {
  const owner = accountOf(sandbox.state, account)
  const contact: ContactState = { id: nextId(sandbox.state, CONTACT_SEQUENCE, FIRST_CONTACT_ID), ...mergeContact(blankContact(), input) }
  owner.contacts[String(contact.id)] = contact
  return contact
}

/** The contact `id` of `account`, or null: another account's contact does not exist for it. */
export function findContact (state: SandboxState, account: AccountState | string, id: number | string): ContactState | null {
  return accountOf(state, account).contacts[String(id)] ?? null
}

// OVH's answer for an id that is not the caller's.
export function contactNotFound (id: number | string): Error {
  return notFound(`The requested object (contactId = ${String(id)}) does not exist`)
}

export function requireContact (account: AccountState, id: number | string): ContactState {
  const contact = account.contacts[String(id)]
  if (contact === undefined) throw contactNotFound(id)
  return contact
}

// domain.Contact
export function toDomainContact (contact: ContactState) {
  const { spareEmail, ...fields } = contact
  return { ...fields, address: contact.address === null ? null : { ...contact.address } }
}

// me.contact.Contact: a smaller model whose identity and address fields cannot be null.
export function toMeContact (contact: ContactState) {
  const address = contact.address ?? blankAddress()
  return {
    address: {
      city: address.city ?? '',
      country: address.country ?? 'FR',
      line1: address.line1 ?? '',
      line2: address.line2,
      line3: address.line3,
      otherDetails: address.otherDetails,
      province: address.province,
      zip: address.zip
    },
    birthCity: contact.birthCity,
    birthCountry: contact.birthCountry,
    birthDay: contact.birthDay,
    birthZip: contact.birthZip,
    cellPhone: contact.cellPhone,
    companyNationalIdentificationNumber: contact.companyNationalIdentificationNumber,
    email: contact.email ?? '',
    fax: contact.fax,
    firstName: contact.firstName ?? '',
    gender: contact.gender,
    id: contact.id,
    language: contact.language ?? 'en_GB',
    lastName: contact.lastName ?? '',
    legalForm: contact.legalForm ?? 'other',
    nationalIdentificationNumber: contact.nationalIdentificationNumber,
    nationality: contact.nationality,
    organisationName: contact.organisationName,
    organisationType: contact.organisationType,
    phone: contact.phone,
    spareEmail: contact.spareEmail,
    vat: contact.vat
  }
}

/** Names of the account's domains whose owner is this contact. */
export function domainsOwnedBy (account: AccountState, id: number | string): string[] {
  return Object.values(account.domains)
    .filter(domain => domain.state !== 'deleted' && domain.contacts.owner === String(id))
    .map(domain => domain.domain)
    .sort()
}
