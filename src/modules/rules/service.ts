// Eligibility rules: OVH's rule tree for an action on a domain, and the check of data against it.
// checkEligibility is the one check every flow uses (contact updates, orders...): OVH's per-field
// details come back as field errors on the data's own paths. @see docs/OVH-API.md 7
import { OvhApiError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { RULE_NOT_RESPECTED, ruleFieldErrors } from '../../upstream/rule-fields.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { validateInput } from '../shared/validate.js'
import { RuleActionEnum, RuleDataSchema } from './schemas.js'
import type { EligibilityCheck, OvhRule, RuleAction, RuleData } from './schemas.js'

export interface RuleQuery {
  action: RuleAction
  domain: string
}

function queryOf (input: RuleQuery): { action: RuleAction, domain: string } {
  return { action: validateInput(RuleActionEnum, input.action, 'action'), domain: normalizeDomainName(input.domain, 'domain') }
}

// Nulls dropped at every level: OVH reads them as "not given", and the check must see what a form
// actually filled in.
export function compact (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined).map(([key, item]) => [key, compact(item)]))
}

/** The rule tree of an action on a domain (GET /domain/configurationRule), memoized per request. */
export async function getRuleTree (caller: Caller, input: RuleQuery): Promise<OvhRule> {
  caller.require('read')
  const query = queryOf(input)
  const trees = caller.memo('rules.trees', () => new Map<string, Promise<OvhRule>>())
  const key = `${query.action} ${query.domain}`
  let tree = trees.get(key)
  if (tree === undefined) {
    tree = caller.ovh().then(client => client.get<OvhRule>('/domain/configurationRule', { query }))
    trees.set(key, tree)
  }
  return tree
}

/**
 * Checks `data` against the rules of `action` on `domain` (POST /domain/configurationRule/check):
 * `{ valid: false, errors }` when OVH says DOMDOCRuleNotRespected, with its details on the data's
 * paths (`owner.address.city`). Malformed data is refused as BAD_USER_INPUT before OVH.
 */
export async function checkEligibility (caller: Caller, input: RuleQuery & { data: RuleData | null | undefined }): Promise<EligibilityCheck> {
  caller.require('read')
  const query = queryOf(input)
  const data = validateInput(RuleDataSchema, input.data ?? {}, 'data')
  return checkRuleData(caller, query, compact(data) as Record<string, unknown>)
}

/**
 * The check itself, for data the gateway already holds (an owner contact as OVH stores it, merged
 * with checked changes): stored values are OVH's, so they are not held to the input formats. The
 * data is sent as given, nulls included: a contact update checks the contact with the fields its
 * PUT clears set to null, not left out (which OVH could fill from the stored contact).
 */
export async function checkRuleData (caller: Caller, query: RuleQuery, data: Record<string, unknown>): Promise<EligibilityCheck> {
  const client = await caller.ovh()
  try {
    await client.post('/domain/configurationRule/check', { query: queryOf(query), body: data })
    return { valid: true, errors: [] }
  } catch (err) {
    if (err instanceof OvhApiError && err.errorClass === RULE_NOT_RESPECTED) {
      return { valid: false, errors: ruleFieldErrors(err.details) }
    }
    throw err
  }
}
