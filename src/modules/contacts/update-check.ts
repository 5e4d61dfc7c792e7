// The check an update of an owner contact passes before OVH is asked to change it, whichever route
// edits it (/domain/contact/{id} or /me/contact/{id}: they share ids): the contact as it would
// become, against the `update` rules of every domain it owns, and OVH's read-only fields. Errors are
// on the contact's own paths (`address.city`), as the caller typed them. @see docs/OVH-API.md 6.3, 7
import { OvhApiError } from '../../ovh/index.js'
import { badUserInput } from '../../errors.js'
import type { FieldError, GatewayError } from '../../errors.js'
import { createLimiter } from '../../ovh/concurrency.js'
import type { Caller } from '../../upstream/caller.js'
import { RULE_NOT_RESPECTED, ruleFieldErrors } from '../../upstream/rule-fields.js'
import { checkRuleData } from '../rules/service.js'
import type { ContactFieldRule, OwnerContact } from './schemas.js'

// Rule checks of one update in flight at once (a contact may own many domains).
const CHECK_CONCURRENCY = 4

export type ContactChanges = Record<string, unknown> & { address?: Record<string, unknown> | null }

/**
 * `changes` over `contact`, as OVH merges a PUT: absent fields stay, null clears one, the address
 * merges field by field. This is what the rules are checked against, built from the very body the
 * PUT sends.
 */
export function mergeChanges (contact: OwnerContact, changes: ContactChanges): Record<string, unknown> {
  const { id, ...fields } = contact
  const merged: Record<string, unknown> = { ...fields }
  for (const [key, value] of Object.entries(changes)) if (key !== 'address' && value !== undefined) merged[key] = value
  if (changes.address === null) merged.address = null
  else if (changes.address !== undefined) merged.address = { ...(contact.address ?? {}), ...changes.address }
  return merged
}

/** Whether an update gives anything to change: a null clears a field (a change), an empty address does not. */
export function givesChanges (changes: ContactChanges): boolean {
  return Object.entries(changes).some(([key, value]) => {
    if (value === undefined) return false
    if (key === 'address' && value !== null) return Object.values(value as Record<string, unknown>).some(item => item !== undefined)
    return true
  })
}

// 'owner.address.city' -> 'address.city': the errors are about the contact being edited.
function contactField (field: string): string {
  return field.startsWith('owner.') ? field.slice('owner.'.length) : field
}

function sorted (fields: Map<string, FieldError>): FieldError[] {
  return [...fields.values()].sort((a, b) => a.field.localeCompare(b.field))
}

/** The domains whose owner is contact `id` (GET /domain?whoisOwner=). */
export async function domainsOwnedBy (caller: Caller, id: number): Promise<string[]> {
  const client = await caller.ovh()
  return client.get<string[]>('/domain', { query: { whoisOwner: String(id) } })
}

/**
 * Throws BAD_USER_INPUT when `owner` (the contact as it would become) breaks the `update` rules of
 * one of `domains`, one error per contact field, the domain named in the message; nothing else is
 * asked of OVH. `first` holds errors found before (read-only fields), which win on the same field.
 */
export async function checkOwnerRules (caller: Caller, domains: string[], owner: Record<string, unknown>, first: FieldError[] = []): Promise<void> {
  const limit = createLimiter(CHECK_CONCURRENCY)
  const checks = await Promise.all(domains.map(domain => limit(async () => ({
    domain,
    check: await checkRuleData(caller, { action: 'update', domain }, { owner })
  }))))
  const failed = checks.filter(({ check }) => !check.valid)
  const fields = new Map(first.map(error => [error.field, error]))
  for (const { domain, check } of failed) {
    for (const error of check.errors) {
      const field = contactField(error.field)
      if (!fields.has(field)) fields.set(field, { field, message: `${error.message} (${domain})` })
    }
  }
  if (fields.size === 0) return
  const reason = failed.length > 0 ? `the contact would break the eligibility rules of ${failed.map(f => f.domain).join(', ')}` : 'the contact has read-only fields'
  throw badUserInput(reason, sorted(fields))
}

// A value as OVH's two views show it: me.contact.Contact writes '' where domain.Contact has null.
const same = (a: unknown, b: unknown): boolean => (a ?? '') === (b ?? '')

/**
 * The changes to fields that GET /me/contact/{id}/fields marks read-only (an owner change, a
 * trade): an error each. Setting the value it already has is not a change.
 */
export function readOnlyErrors (rules: ContactFieldRule[], current: Record<string, unknown>, changes: ContactChanges): FieldError[] {
  const readOnly = new Set(rules.filter(rule => rule.readOnly).map(rule => rule.fieldName))
  const address = (current.address ?? {}) as Record<string, unknown>
  const errors: FieldError[] = []
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue
    if (key !== 'address') {
      if (readOnly.has(key) && !same(value, current[key])) errors.push({ field: key, message: 'is read-only: changing it is an owner change (trade)' })
      continue
    }
    for (const [part, item] of Object.entries(value ?? {})) {
      const field = `address.${part}`
      if (item !== undefined && readOnly.has(field) && !same(item, address[part])) errors.push({ field, message: 'is read-only: changing it is an owner change (trade)' })
    }
  }
  return errors
}

/**
 * OVH's own refusal of a PUT (a rule it checks that the pre-check could not see, or data changed
 * in between) on the contact's paths: `owner.address.city` becomes `address.city`.
 */
export function refusalOnContactPaths (err: unknown): GatewayError | null {
  if (!(err instanceof OvhApiError) || err.errorClass !== RULE_NOT_RESPECTED) return null
  const fields = new Map<string, FieldError>()
  for (const error of ruleFieldErrors(err.details)) {
    const field = contactField(error.field)
    if (!fields.has(field)) fields.set(field, { field, message: error.message })
  }
  const refusal = badUserInput('OVH refused the contact: it does not respect the eligibility rules of a domain it owns', sorted(fields))
  refusal.details = { ...refusal.details, ovh: { status: err.status, class: err.errorClass, message: err.message, ...(err.queryId ? { queryId: err.queryId } : {}) } }
  return refusal
}
