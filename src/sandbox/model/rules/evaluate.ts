// Evaluates a rule tree on data as OVH's rule engine does: `and`/`or` combine rules, `fields` apply
// to the fields of a complex value (always AND), `conditions` switch a rule or a constraint on only
// when they hold (evaluated on the whole data), and each failing field is reported once, under
// OVH's snake_case key ('owner.legal_form'). @see docs/OVH-API.md 7
import type { Constraint, Rule } from './types.js'

// Top-level values by label, the current values (for `readonly`), and labels whose value comes
// from the existing service (not checked).
export interface RuleScope {
  values: Record<string, unknown>
  current: Record<string, unknown>
  inherited: ReadonlySet<string>
}

// Where a value sits: its key in OVH's error details and the name its messages use.
interface Slot {
  value: unknown
  current: unknown
  key: string
  name: string
}

// Top-level labels -> the key prefix of their errors (RuleData property in snake_case).
const ROOT_KEYS: Record<string, string> = {
  OWNER_CONTACT: 'owner',
  ADMIN_ACCOUNT: 'admin_account',
  TECH_ACCOUNT: 'tech_account',
  DOMAIN_CONFIG: 'domain',
  REASON: 'domain.reason',
  AUTH_INFO: 'extras.auth_info',
  ACCEPT_CONDITIONS: 'extras.accept_condition',
  OWNER_LEGAL_AGE: 'extras.owner_legal_age'
}

export function snake (name: string): string {
  return name.replace(/[A-Z]/g, letter => `_${letter.toLowerCase()}`)
}

function at (value: unknown, path: string): unknown {
  let current = value
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

function isEmpty (value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

// How labels resolve at one level: top-level labels, or field paths inside a complex value.
interface Lookup {
  root: boolean
  find (label: string): Slot
}

interface Walk {
  scope: RuleScope
  failures: Map<string, string>
}

function rootLookup (scope: RuleScope): Lookup {
  return {
    root: true,
    find (label) {
      const key = ROOT_KEYS[label] ?? snake(label).toLowerCase()
      return { value: scope.values[label], current: scope.current[label], key, name: key.split('.').at(-1) ?? key }
    }
  }
}

function objectLookup (parent: Slot): Lookup {
  return {
    root: false,
    find (label) {
      const name = snake(label.split('.').at(-1) ?? label)
      return { value: at(parent.value, label), current: at(parent.current, label), key: `${parent.key}.${name}`, name }
    }
  }
}

function text (value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

// null: the constraint holds; else the message of the failure.
function violation (constraint: Constraint, slot: Slot): string | null {
  const { value } = slot
  const field = `Field "${slot.name}"`
  switch (constraint.operator) {
    case 'required': return isEmpty(value) ? `${field} is required` : null
    case 'empty': return isEmpty(value) ? null : `${field} must be empty`
    case 'notempty': return isEmpty(value) ? `${field} must not be empty` : null
    case 'shouldbetrue': return value === true || value === 1 || value === '1' || value === 'true' ? null : `${field} must be true`
    case 'readonly':
      // Nothing to compare with on a creation.
      if (slot.current === undefined || slot.current === null) return null
      return text(value ?? null) === text(slot.current) ? null : `${field} is read-only`
    default:
  }
  // The other operators constrain a value that is there; `required` says whether it must be.
  if (isEmpty(value)) return null
  const given = text(value)
  const limit = Number(constraint.value)
  const values = constraint.values ?? []
  switch (constraint.operator) {
    case 'eq': return given === constraint.value ? null : `${field} must be equal to "${constraint.value ?? ''}"`
    case 'ne': return given !== constraint.value ? null : `${field} must be different from "${constraint.value ?? ''}"`
    case 'gt': return Number(given) > limit ? null : `${field} must be greater than ${limit}`
    case 'gte': return Number(given) >= limit ? null : `${field} must be at least ${limit}`
    case 'lt': return Number(given) < limit ? null : `${field} must be less than ${limit}`
    case 'lte': return Number(given) <= limit ? null : `${field} must be at most ${limit}`
    case 'minlength': return given.length >= limit ? null : `${field} must be at least ${limit} characters long`
    case 'maxlength': return given.length <= limit ? null : `${field} must be at most ${limit} characters long`
    case 'between': {
      const [min, max] = values.map(Number)
      return given.length >= min && given.length <= max ? null : `${field} must be between ${min} and ${max} characters long`
    }
    case 'contains': return values.includes(given) ? null : `${field} must be one of the accepted values`
    case 'notcontains': return values.includes(given) ? `${field} has a value that is not accepted` : null
    case 'match': return new RegExp(constraint.value ?? '').test(given) ? null : `${field} has an invalid format`
    default: return null
  }
}

function holds (walk: Walk, rule: Rule): boolean {
  return evaluate({ scope: walk.scope, failures: new Map() }, rule, rootLookup(walk.scope), false)
}

// Whether `rule` holds; failures are recorded when `report` is set.
function evaluate (walk: Walk, rule: Rule, lookup: Lookup, report: boolean): boolean {
  if (rule.conditions !== undefined && !holds(walk, rule.conditions)) return true
  let ok = true
  if (rule.label !== undefined) {
    // A value taken from the existing service is not checked again.
    if (lookup.root && walk.scope.inherited.has(rule.label)) return true
    const slot = lookup.find(rule.label)
    for (const constraint of rule.constraints ?? []) {
      if (constraint.conditions !== undefined && !holds(walk, constraint.conditions)) continue
      const failure = violation(constraint, slot)
      if (failure === null) continue
      ok = false
      if (report && !walk.failures.has(slot.key)) walk.failures.set(slot.key, failure)
    }
    if (rule.fields !== undefined && slot.value !== null && typeof slot.value === 'object') {
      ok = evaluate(walk, rule.fields, objectLookup(slot), report) && ok
    }
  }
  for (const child of rule.and ?? []) ok = evaluate(walk, child, lookup, report) && ok
  if (rule.or !== undefined && rule.or.length > 0) {
    const any = rule.or.some(child => evaluate({ scope: walk.scope, failures: new Map() }, child, lookup, false))
    if (!any) {
      ok = false
      if (report) for (const child of rule.or) evaluate(walk, child, lookup, true)
    }
  }
  return ok
}

/** The failures of `data` against `rule`: OVH detail key -> message; empty when it holds. */
export function evaluateRules (rule: Rule, scope: RuleScope): Map<string, string> {
  const walk: Walk = { scope, failures: new Map() }
  evaluate(walk, rule, rootLookup(scope), true)
  return walk.failures
}
