// Whois display: disclosure rules and settings (rules/optin, configurations/optin) and email
// obfuscation (rules/emailsObfuscation, configurations/obfuscatedEmails[/refresh]). The bodies are
// wrapped as the schema says ({"optin": [...]}, {"contacts": [...]}). @see docs/OVH-API.md 8, 15.3
import { defineRoute } from '../http/route.js'
import type { OvhCallContext, SandboxArea } from '../http/route.js'
import { findDomain } from '../model/domains.js'
import { obfuscationRules, optinRules, refreshObfuscated, setObfuscated, setOptin, whoisEvents, whoisOf } from '../model/whois.js'
import type { DomainState, WhoisContactType } from '../state/types.js'

const domainOf = ({ account, params }: OvhCallContext): DomainState => findDomain(account, String(params.serviceName))
const contactsOf = (body: unknown): WhoisContactType[] => (body as { contacts: WhoisContactType[] }).contacts

export const whoisArea: SandboxArea = {
  name: 'whois',
  events: whoisEvents,
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/rules/optin',
      handler: context => optinRules(domainOf(context))
    }),
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/configurations/optin',
      handler: context => whoisOf(context.account, domainOf(context)).optin
    }),
    defineRoute({
      method: 'PUT',
      path: '/domain/{serviceName}/configurations/optin',
      handler: context => setOptin(context.account, domainOf(context), (context.body as { optin: Array<{ type: WhoisContactType, fields: string[] }> }).optin)
    }),
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/rules/emailsObfuscation',
      handler: context => obfuscationRules(domainOf(context))
    }),
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/configurations/obfuscatedEmails',
      handler: context => whoisOf(context.account, domainOf(context)).obfuscated
    }),
    defineRoute({
      method: 'PUT',
      path: '/domain/{serviceName}/configurations/obfuscatedEmails',
      handler: context => setObfuscated(context.sandbox, context.account, domainOf(context), contactsOf(context.body))
    }),
    defineRoute({
      method: 'POST',
      path: '/domain/{serviceName}/configurations/obfuscatedEmails/refresh',
      handler (context) {
        refreshObfuscated(context.sandbox, context.account, domainOf(context), contactsOf(context.body))
        return null
      }
    })
  ]
}
