// Updates of owner contacts (PUT /domain/contact/{id}, PUT /me/contact/{id}): every domain the
// contact owns must still pass its `update` rules, which also keep the owner-change fields
// read-only (changing them is a trade). And the field rules /me/contact/{id}/fields reports.
// @see docs/OVH-API.md 6.3, 6.4, 7
import type { SandboxCore } from '../core.js'
import type { AccountState, ContactState } from '../state/types.js'
import { domainsOwnedBy, mergeContact } from './contacts.js'
import type { ContactInput } from './contacts.js'
import { checkRules, ruleNotRespected } from './rules/index.js'

export function updateContact (sandbox: SandboxCore, account: AccountState, contact: ContactState, changes: ContactInput): ContactState {
  const merged = mergeContact(contact, changes)
  for (const domain of domainsOwnedBy(account, contact.id)) {
    const details = checkRules(sandbox, account, { action: 'update', domain, data: { owner: merged as unknown as Record<string, unknown> } })
    if (details !== null) throw ruleNotRespected(details)
  }
  Object.assign(contact, merged)
  return contact
}

// me.contact.Contact's fields, as OVH names them in field rules.
const ME_FIELDS = ['address.city', 'address.country', 'address.line1', 'address.line2', 'address.line3', 'address.otherDetails',
  'address.province', 'address.zip', 'birthCity', 'birthCountry', 'birthDay', 'birthZip', 'cellPhone', 'companyNationalIdentificationNumber',
  'email', 'fax', 'firstName', 'gender', 'language', 'lastName', 'legalForm', 'nationalIdentificationNumber', 'nationality',
  'organisationName', 'organisationType', 'phone', 'spareEmail', 'vat']
const MANDATORY = new Set(['address.city', 'address.country', 'address.line1', 'email', 'firstName', 'lastName', 'language', 'legalForm'])

/** me.contact.FieldInformation[]: the owner-change fields are read-only once a domain uses the contact. */
export function contactFieldRules (account: AccountState, contact: ContactState) {
  const used = domainsOwnedBy(account, contact.id).length > 0
  const owners = new Set(['email', 'legalForm', ...(contact.legalForm === 'individual' ? ['firstName', 'lastName'] : ['organisationName'])])
  return ME_FIELDS.map(fieldName => ({ fieldName, mandatory: MANDATORY.has(fieldName), readOnly: used && owners.has(fieldName) }))
}
