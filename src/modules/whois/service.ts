// Whois display of a domain: what each contact type may disclose and what it discloses (opt-in),
// which emails can be obfuscated and which are, changes and refreshed addresses. Input is checked
// against OVH's enums and against the domain's own rules before OVH is asked. @see docs/OVH-API.md 8
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { validateInput } from '../shared/validate.js'
import { whoisReads } from './reads.js'
import { ContactTypesInputSchema, OptinInputSchema } from './schemas.js'
import type { ObfuscatedEmail, Optin, WhoisContactType } from './schemas.js'

async function read<T> (loader: { load (key: string): Promise<T | null> }, domain: string): Promise<T> {
  const value = await loader.load(domain)
  // null is a 404 from OVH: the domain is not on the account.
  if (value === null) throw notFound(`domain ${domain}`)
  return value
}

export async function getOptinRules (caller: Caller, domain: string): Promise<Optin[]> {
  caller.require('read')
  return read(whoisReads(caller).optinRules, normalizeDomainName(domain, 'domain'))
}

export async function getOptin (caller: Caller, domain: string): Promise<Optin[]> {
  caller.require('read')
  return read(whoisReads(caller).optin, normalizeDomainName(domain, 'domain'))
}

export async function getObfuscationRules (caller: Caller, domain: string): Promise<WhoisContactType[]> {
  caller.require('read')
  return read(whoisReads(caller).obfuscationRules, normalizeDomainName(domain, 'domain'))
}

export async function getObfuscatedEmails (caller: Caller, domain: string): Promise<ObfuscatedEmail[]> {
  caller.require('read')
  return read(whoisReads(caller).obfuscated, normalizeDomainName(domain, 'domain'))
}

function refuse (fields: FieldError[]): never {
  throw badUserInput(`the Whois settings do not fit the domain's rules: ${fields.map(f => `${f.field} ${f.message}`).join('; ')}`, fields)
}

function duplicates (types: WhoisContactType[], path: (index: number) => string): FieldError[] {
  return types.flatMap((type, index) => types.indexOf(type) < index ? [{ field: path(index), message: `${type} is given twice` }] : [])
}

// Even where a rule lists fields (the owner's), OVH discloses all of them or none: its 2026 Whois
// guide says so, the 2022 one said they could be chosen one by one (OVH-API.md 8.1, "assume
// all-or-nothing"). So a list of some of them would not disclose just those; it would disclose every
// one, which the caller did not ask for. It is refused rather than sent; the docs do not say whether
// OVH itself refuses it or discloses everything, and either way the caller would be misled.
function isPartial (item: Optin, rule: Optin): boolean {
  return item.fields.length > 0 && rule.fields.some(field => !item.fields.includes(field))
}

/** Replaces the disclosure settings (PUT configurations/optin, body {"optin": [...]}). */
export async function setOptin (caller: Caller, domain: string, raw: Optin[]): Promise<Optin[]> {
  caller.require('write')
  const name = normalizeDomainName(domain, 'domain')
  const optin = validateInput(OptinInputSchema, raw, 'optin')
  const rules = await read(whoisReads(caller).optinRules, name)
  const fields: FieldError[] = duplicates(optin.map(item => item.type), index => `optin.${index}.type`)
  optin.forEach((item, index) => {
    const rule = rules.find(candidate => candidate.type === item.type)
    if (!rule) {
      fields.push({ field: `optin.${index}.type`, message: `the disclosure of ${item.type} cannot be configured on ${name} (configurable: ${rules.map(r => r.type).join(', ') || 'none'})` })
      return
    }
    const extra = item.fields.filter(field => !rule.fields.includes(field))
    if (extra.length > 0) fields.push({ field: `optin.${index}.fields`, message: `${extra.join(', ')} cannot be disclosed for ${item.type}` })
    else if (isPartial(item, rule)) {
      fields.push({ field: `optin.${index}.fields`, message: `OVH discloses all of ${item.type}'s fields or none: list all of them (${rule.fields.join(', ')}) to disclose them, or leave ${item.type} out to disclose none` })
    }
  })
  if (fields.length > 0) refuse(fields)
  const client = await caller.ovh()
  const result = await client.put<Optin[]>('/domain/{serviceName}/configurations/optin', { params: { serviceName: name }, body: { optin } })
  whoisReads(caller).optin.clear(name).prime(name, result)
  return result
}

async function checkContacts (name: string, contacts: WhoisContactType[], allowed: () => Promise<WhoisContactType[]>, what: string): Promise<void> {
  const fields = duplicates(contacts, index => `contacts.${index}`)
  const accepted = await allowed()
  contacts.forEach((type, index) => {
    if (!accepted.includes(type)) fields.push({ field: `contacts.${index}`, message: `the email of ${type} cannot be ${what} on ${name} (can be: ${accepted.join(', ') || 'none'})` })
  })
  if (fields.length > 0) refuse(fields)
}

/** Obfuscates exactly these contacts' emails (PUT configurations/obfuscatedEmails, body {"contacts": [...]}). */
export async function setObfuscatedEmails (caller: Caller, domain: string, raw: WhoisContactType[]): Promise<ObfuscatedEmail[]> {
  caller.require('write')
  const name = normalizeDomainName(domain, 'domain')
  const contacts = validateInput(ContactTypesInputSchema, raw, 'contacts')
  const reads = whoisReads(caller)
  await checkContacts(name, contacts, () => read(reads.obfuscationRules, name), 'obfuscated')
  const client = await caller.ovh()
  const result = await client.put<ObfuscatedEmail[]>('/domain/{serviceName}/configurations/obfuscatedEmails', { params: { serviceName: name }, body: { contacts } })
  reads.obfuscated.clear(name).prime(name, result)
  return result
}

/** New obfuscated addresses for these contacts (POST .../obfuscatedEmails/refresh); returns the settings. */
export async function refreshObfuscatedEmails (caller: Caller, domain: string, raw: WhoisContactType[]): Promise<ObfuscatedEmail[]> {
  caller.require('write')
  const name = normalizeDomainName(domain, 'domain')
  const contacts = validateInput(ContactTypesInputSchema, raw, 'contacts')
  const reads = whoisReads(caller)
  await checkContacts(name, contacts, async () => (await read(reads.obfuscated, name)).map(item => item.type), 'refreshed (it is not obfuscated)')
  const client = await caller.ovh()
  await client.post('/domain/{serviceName}/configurations/obfuscatedEmails/refresh', { params: { serviceName: name }, body: { contacts } })
  reads.obfuscated.clear(name)
  return read(reads.obfuscated, name)
}
