// Upstream reads of Whois settings for one request: each read once per domain. OVH batches only on
// a route's last segment, and here the domain is not the last one: reads are single, in parallel
// (bounded).
import DataLoader from 'dataloader'
import type { Caller } from '../../upstream/caller.js'
import { singleReadLoader } from '../shared/loaders.js'
import type { ObfuscatedEmail, Optin, WhoisContactType } from './schemas.js'

export function whoisReads (caller: Caller) {
  return caller.memo('whois', () => ({
    optinRules: new DataLoader<string, Optin[] | null>(singleReadLoader<Optin[]>(caller, '/domain/{serviceName}/rules/optin', 'serviceName')),
    optin: new DataLoader<string, Optin[] | null>(singleReadLoader<Optin[]>(caller, '/domain/{serviceName}/configurations/optin', 'serviceName')),
    obfuscationRules: new DataLoader<string, WhoisContactType[] | null>(singleReadLoader<WhoisContactType[]>(caller, '/domain/{serviceName}/rules/emailsObfuscation', 'serviceName')),
    obfuscated: new DataLoader<string, ObfuscatedEmail[] | null>(singleReadLoader<ObfuscatedEmail[]>(caller, '/domain/{serviceName}/configurations/obfuscatedEmails', 'serviceName'))
  }))
}
