// Eligibility rules: GET /domain/configurationRule (no authentication) and
// POST /domain/configurationRule/check. @see docs/OVH-API.md 7
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { checkRules, ruleNotRespected, ruleTree, toOvhRule } from '../model/rules/index.js'
import type { RuleAction, RuleData } from '../model/rules/index.js'

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/i

function domainOf (query: Record<string, unknown>): string {
  const domain = String(query.domain)
  if (!DOMAIN.test(domain)) throw badRequest(`Invalid domain name: ${domain}`)
  return domain.toLowerCase()
}

export const rulesArea: SandboxArea = {
  name: 'rules',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain/configurationRule',
      handler: ({ query }) => toOvhRule(ruleTree(query.action as RuleAction, domainOf(query)))
    }),
    defineRoute({
      method: 'POST',
      path: '/domain/configurationRule/check',
      handler ({ sandbox, account, query, body }) {
        const details = checkRules(sandbox, account, { action: query.action as RuleAction, domain: domainOf(query), data: (body ?? {}) as RuleData })
        if (details !== null) throw ruleNotRespected(details)
        return null
      }
    })
  ]
}
