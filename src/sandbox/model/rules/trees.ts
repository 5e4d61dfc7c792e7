// The rule trees the sandbox serves: OVH's generic gTLD rule, .fr (owner in the EU/EEA) and
// .berlin (owner or admin in Berlin), after the examples of OVH's rules guide. @see docs/OVH-API.md 7
import { sharedOvhSchema } from '../../schema/load.js'
import type { Constraint, Rule, RuleAction } from './types.js'

const MAX = (): Constraint => ({ operator: 'maxlength', value: '255' })
const REQUIRED = (): Constraint => ({ operator: 'required' })

const LANGUAGES = ['fr_FR', 'pl_PL', 'de_DE', 'es_ES', 'en_GB', 'it_IT', 'pt_PT', 'nl_NL', 'cs_CZ', 'en_IE', 'lt_LT', 'fi_FI',
  'fr_SN', 'fr_TN', 'fr_MA', 'en_AU', 'en_CA', 'fr_CA', 'en_US']
const LEGAL_FORMS = ['association', 'corporation', 'individual', 'other']
const NO_ZIP_COUNTRIES = ['IE', 'AZ', 'DJ', 'LA', 'CI', 'AN', 'HK', 'BO', 'PA', 'HN', 'NI', 'SV', 'CO']
// AFNIC: the owner of a .fr resides in the European Union or the European Economic Area (French
// overseas territories included).
export const EU_EEA_COUNTRIES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
  'GF', 'GP', 'MQ', 'RE', 'YT', 'PM', 'BL', 'MF', 'WF', 'PF', 'NC', 'TF']

let countries: string[] | undefined
function allCountries (): string[] {
  countries ??= (sharedOvhSchema().model('nichandle.CountryEnum')?.enum ?? []).map(String).filter(code => code !== 'UNKNOWN')
  return countries
}

// A condition on one field of a top-level object: `{label: OWNER_CONTACT, fields: {label: field, constraints}}`.
function whenField (object: string, field: string, constraints: Constraint[]): Rule {
  return { label: object, type: 'contact', fields: { label: field, type: 'string', constraints: [...constraints, REQUIRED()] }, constraints: [REQUIRED()] }
}

function field (label: string, description: string, placeholder: string, constraints: Constraint[]): Rule {
  return { label, type: 'string', description, placeholder, constraints }
}

const INDIVIDUAL = () => whenField('OWNER_CONTACT', 'legalForm', [{ operator: 'eq', value: 'individual' }])
const NOT_INDIVIDUAL = () => whenField('OWNER_CONTACT', 'legalForm', [{ operator: 'ne', value: 'individual' }])
const IS_SET = (name: string) => whenField('OWNER_CONTACT', name, [])

// Owner-change fields: read-only on update once set (changing them is a trade).
function readonlyWhen (conditions: Rule): Constraint {
  return { operator: 'readonly', conditions }
}

interface OwnerOptions {
  update: boolean
  countries: string[]
  // Extra constraints on the owner's city and country (.berlin).
  city?: Constraint[]
  country?: Constraint[]
}

function ownerFields (options: OwnerOptions): Rule[] {
  const { update } = options
  const named = (name: 'firstName' | 'lastName'): Constraint[] => [
    { operator: 'required', conditions: INDIVIDUAL() },
    ...(update ? [readonlyWhen({ and: [INDIVIDUAL(), IS_SET(name)], constraints: [] })] : []),
    MAX()
  ]
  return [
    field('address.city', 'Represents the city of the owner contact.', 'lorem', [...(options.city ?? []), REQUIRED(), MAX()]),
    field('address.country', 'Represents the country of the owner contact.', 'FR', [...(options.country ?? []), { operator: 'contains', values: options.countries }, REQUIRED(), MAX()]),
    field('email', 'Represents the email of the owner contact.', 'lorem@ovh.com', [REQUIRED(), ...(update ? [readonlyWhen(IS_SET('email'))] : []), MAX()]),
    field('firstName', 'Represents the first name of the owner contact.', 'lorem', named('firstName')),
    field('language', 'Represents the language of the owner contact.', 'fr_FR', [{ operator: 'contains', values: LANGUAGES }, REQUIRED(), MAX()]),
    field('lastName', 'Represents the last name of the owner contact.', 'lorem', named('lastName')),
    field('legalForm', 'Represents the legal status of owner.', 'individual', [
      { operator: 'contains', values: LEGAL_FORMS },
      REQUIRED(),
      ...(update ? [readonlyWhen(whenField('OWNER_CONTACT', 'legalForm', [{ operator: 'contains', values: LEGAL_FORMS }]))] : []),
      MAX()
    ]),
    field('address.line1', 'Represents the address of the owner contact.', 'lorem', [REQUIRED(), MAX()]),
    field('organisationName', 'Represents the organisation of the owner contact', 'lorem', [
      { operator: 'required', conditions: NOT_INDIVIDUAL() },
      ...(update ? [readonlyWhen(IS_SET('organisationName'))] : []),
      MAX()
    ]),
    field('phone', 'Represents the phone of the owner contact.', '+33.612345678', [REQUIRED(), MAX()]),
    field('address.zip', 'Represents the zip of the owner contact.', '12345', [
      { operator: 'required', conditions: whenField('OWNER_CONTACT', 'address.country', [{ operator: 'notcontains', values: NO_ZIP_COUNTRIES }]) },
      MAX()
    ])
  ]
}

function ownerRule (options: OwnerOptions, description = 'Rule related to the domain owner'): Rule {
  return { label: 'OWNER_CONTACT', type: 'contact', fields: { and: ownerFields(options), constraints: [] }, description, constraints: [REQUIRED()] }
}

const LEGAL_AGE: Rule = { label: 'OWNER_LEGAL_AGE', type: 'bool', description: 'The owner must be of legal age to acquire a domain name.', placeholder: 'true', constraints: [] }

// .berlin: the owner or the admin resides in Berlin, DE. Each side's address is constrained only
// when the other side is not in Berlin (OVH's guide, "Case of .berlin").
function outsideBerlin (object: string): Rule {
  return {
    label: object,
    type: 'contact',
    fields: {
      or: [
        { label: 'address.country', type: 'string', constraints: [{ operator: 'ne', value: 'DE' }, REQUIRED()] },
        { label: 'address.city', type: 'string', constraints: [{ operator: 'ne', value: 'Berlin' }, REQUIRED()] }
      ],
      constraints: []
    },
    constraints: [REQUIRED()]
  }
}

function berlinAdmin (): Rule {
  return {
    label: 'ADMIN_ACCOUNT',
    type: 'contact',
    fields: {
      and: [
        field('address.country', 'Represents the country of the admin contact.', 'DE', [{ operator: 'eq', value: 'DE', conditions: outsideBerlin('OWNER_CONTACT') }, REQUIRED(), MAX()]),
        field('address.city', 'Represents the city of the admin contact.', 'Berlin', [{ operator: 'eq', value: 'Berlin', conditions: outsideBerlin('OWNER_CONTACT') }, REQUIRED(), MAX()])
      ],
      constraints: []
    },
    description: 'Rule related to the admin domain',
    constraints: [REQUIRED()]
  }
}

function tldOf (domain: string): string {
  return domain.toLowerCase().replace(/\.$/, '').split('.').at(-1) ?? ''
}

/** OVH's rule tree (domain.configuration.rules.Rule, compact) for an action on a domain. */
export function ruleTree (action: RuleAction, domain: string): Rule {
  const update = action === 'update'
  const tld = tldOf(domain)
  if (tld === 'fr') {
    const owner = ownerRule({ update, countries: EU_EEA_COUNTRIES }, 'Rule related to the domain owner: the owner of a .fr resides in the European Union or the European Economic Area')
    return { and: [owner, LEGAL_AGE], constraints: [] }
  }
  if (tld === 'berlin') {
    const owner = ownerRule({
      update,
      countries: allCountries(),
      city: [{ operator: 'eq', value: 'Berlin', conditions: outsideBerlin('ADMIN_ACCOUNT') }],
      country: [{ operator: 'eq', value: 'DE', conditions: outsideBerlin('ADMIN_ACCOUNT') }]
    }, 'Rule related to the domain owner: the owner or the admin of a .berlin resides in Berlin')
    return { and: [berlinAdmin(), owner, LEGAL_AGE], constraints: [] }
  }
  return { and: [ownerRule({ update, countries: allCountries() }), LEGAL_AGE], constraints: [] }
}

// The tree as OVH sends it: every property of Rule and Constraint present, null when unset.
export function toOvhRule (rule: Rule): Record<string, unknown> {
  return {
    and: rule.and?.map(toOvhRule) ?? null,
    conditions: rule.conditions === undefined ? null : toOvhRule(rule.conditions),
    constraints: rule.constraints?.map(constraint => ({
      conditions: constraint.conditions === undefined ? null : toOvhRule(constraint.conditions),
      contexts: constraint.contexts ?? null,
      operator: constraint.operator,
      value: constraint.value ?? null,
      values: constraint.values ?? null
    })) ?? null,
    contexts: rule.contexts ?? null,
    description: rule.description ?? null,
    fields: rule.fields === undefined ? null : toOvhRule(rule.fields),
    label: rule.label ?? null,
    or: rule.or?.map(toOvhRule) ?? null,
    placeholder: rule.placeholder ?? null,
    type: rule.type ?? null
  }
}
