// OVH's eligibility rule tree (domain.configuration.rules.Rule / Constraint), kept compact: absent
// properties are sent as null (toOvhRule). @see docs/OVH-API.md 7
export type RuleAction = 'create' | 'trade' | 'transfer' | 'update'

export type RuleOperator = 'between' | 'contains' | 'empty' | 'eq' | 'gt' | 'gte' | 'lt' | 'lte' | 'match' | 'maxlength' |
  'minlength' | 'ne' | 'notcontains' | 'notempty' | 'readonly' | 'required' | 'shouldbetrue'

export type RuleType = 'bool' | 'contact' | 'date_ISO8601' | 'domain' | 'json' | 'number' | 'string' | 'string[]' | 'text'

export type RuleContext = 'accept_conditions' | 'claims' | 'create' | 'order' | 'premium' | 'protected_code' | 'reason' | 'trade' | 'transfer' | 'update'

export interface Constraint {
  operator: RuleOperator
  value?: string
  values?: string[]
  // The constraint applies only when this rule (evaluated on the whole data) holds.
  conditions?: Rule
  contexts?: RuleContext[]
}

export interface Rule {
  // What the rule applies to: a top-level label (OWNER_CONTACT...) or, inside `fields`, a dotted
  // field path of that object (address.city).
  label?: string
  type?: RuleType
  description?: string
  placeholder?: string
  constraints?: Constraint[]
  // Rules on the fields of a complex value, always combined with AND.
  fields?: Rule
  // The rule applies only when this rule holds.
  conditions?: Rule
  and?: Rule[]
  or?: Rule[]
  contexts?: RuleContext[]
}

// The body of POST /domain/configurationRule/check (domain.configuration.rules.RuleData).
export interface RuleData {
  owner?: Record<string, unknown> | null
  adminAccount?: Record<string, unknown> | null
  techAccount?: Record<string, unknown> | null
  domain?: Record<string, unknown> | null
  extras?: { acceptCondition?: boolean | null, authInfo?: string | null } | null
}
