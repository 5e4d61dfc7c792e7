// The calling account's NIC (GET /me, nichandle.Nichandle). OVH uses it for what an order leaves
// out: the owner contact is built from it, and it is the default admin and tech (OVH-API.md 5.2).
// The eligibility pre-check must check those same data, in the shapes RuleData takes.
import type { Caller } from '../../upstream/caller.js'
import type { OvhRule, RuleAction } from '../rules/schemas.js'
import { getRuleTree } from '../rules/service.js'

export interface OvhNichandle {
  nichandle: string
  email: string
  firstname: string | null
  name: string | null
  organisation: string | null
  legalform: string
  address: string | null
  city: string | null
  zip: string | null
  area: string | null
  country: string
  phone: string | null
  language: string | null
  vat: string | null
}

/** GET /me, once per request. */
export function accountNic (caller: Caller): Promise<OvhNichandle> {
  return caller.memo('orders.accountNic', () => caller.ovh().then(client => client.get<OvhNichandle>('/me')))
}

export function isOwnNic (nic: OvhNichandle, handle: string | null | undefined): boolean {
  return handle == null || handle.toLowerCase() === nic.nichandle.toLowerCase()
}

/** The NIC as RuleData's adminAccount / techAccount (nichandle.Nichandle's own field names). */
export function nicRuleData (nic: OvhNichandle): Record<string, unknown> {
  const { email, firstname, name, organisation, legalform, address, city, zip, area, country, phone, language, vat } = nic
  return { email, firstname, name, organisation, legalform, address, city, zip, area, country, phone, language, vat }
}

/** The owner OVH builds from the NIC when an order names none (domain.Contact's shape). */
export function nicAsOwner (nic: OvhNichandle): Record<string, unknown> {
  return {
    legalForm: nic.legalform,
    firstName: nic.firstname,
    lastName: nic.name,
    organisationName: nic.organisation,
    email: nic.email,
    phone: nic.phone,
    language: nic.language,
    vat: nic.vat,
    address: { line1: nic.address, city: nic.city, zip: nic.zip, country: nic.country }
  }
}

function constrains (rule: OvhRule | null, labels: Set<string>): boolean {
  if (rule === null) return false
  if (rule.label !== null && labels.has(rule.label) && ((rule.constraints?.length ?? 0) > 0 || rule.fields !== null)) return true
  return [rule.fields, rule.conditions, ...(rule.and ?? []), ...(rule.or ?? [])].some(child => constrains(child, labels)) ||
    (rule.constraints ?? []).some(constraint => constrains(constraint.conditions, labels))
}

/** Whether the rules of `action` on `domain` put conditions on any of these labels (ADMIN_ACCOUNT...). */
export async function rulesConstrain (caller: Caller, action: RuleAction, domain: string, labels: string[]): Promise<boolean> {
  if (labels.length === 0) return false
  return constrains(await getRuleTree(caller, { action, domain }), new Set(labels))
}
