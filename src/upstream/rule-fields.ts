// OVH's DOMDOCRuleNotRespected details ('owner.legal_form': 'Field "legal_form" is required') turned
// into field errors on the gateway's input paths ('owner.legalForm', 'owner.address.city'), so a
// form can show each message beside its field. @see docs/OVH-API.md 7
import type { FieldError } from '../errors.js'

export const RULE_NOT_RESPECTED = 'Client::BadRequest::DOMDOCRuleNotRespected'

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())

// domain.ContactAddress fields, which OVH reports flat ('owner.city').
const ADDRESS_FIELDS = new Set(['line1', 'line2', 'line3', 'city', 'zip', 'province', 'country', 'otherDetails'])

// nichandle.Nichandle spells some fields its own way and keeps its address flat.
const NIC_FIELDS: Record<string, string> = {
  legalForm: 'legalform',
  firstName: 'firstname',
  lastName: 'name',
  organisationName: 'organisation',
  line1: 'address'
}

const OBJECTS: Record<string, string> = {
  owner: 'owner',
  admin_account: 'adminAccount',
  tech_account: 'techAccount',
  domain: 'domain',
  extras: 'extras'
}

/** 'owner.city' -> 'owner.address.city', 'admin_account.legal_form' -> 'adminAccount.legalform'. */
export function rulePathOf (key: string): string {
  const dot = key.indexOf('.')
  const head = dot === -1 ? key : key.slice(0, dot)
  const object = OBJECTS[head]
  if (object === undefined) return key.split('.').map(camel).join('.')
  if (dot === -1) return object
  const field = key.slice(dot + 1).split('.').map(camel).join('.')
  if (object === 'owner') return ADDRESS_FIELDS.has(field) ? `owner.address.${field}` : `owner.${field}`
  if (object === 'adminAccount' || object === 'techAccount') return `${object}.${NIC_FIELDS[field] ?? field}`
  return `${object}.${field}`
}

/** The per-field errors of a DOMDOCRuleNotRespected answer (OVH's `_date`, `_id`, `_message` left out). */
export function ruleFieldErrors (details: Record<string, unknown> | undefined): FieldError[] {
  return Object.entries(details ?? {})
    .filter(([key, message]) => !key.startsWith('_') && typeof message === 'string')
    .map(([key, message]) => ({ field: rulePathOf(key), message: message as string }))
    .sort((a, b) => a.field.localeCompare(b.field))
}
