// GraphQL: Query.eligibilityRules (the recursive rule tree) and Query.checkEligibility.
import type { IResolvers } from 'mercurius'
import type { OvhRule } from './schemas.js'
import { checkEligibility, getRuleTree } from './service.js'

export const rulesResolvers: IResolvers = {
  Query: {
    eligibilityRules: (_root, { domain, action }, { caller }) => getRuleTree(caller, { domain, action }),
    checkEligibility: (_root, { domain, action, data }, { caller }) => checkEligibility(caller, { domain, action, data })
  },
  EligibilityRule: {
    // 'string[]' cannot be a GraphQL enum value.
    type: (rule: OvhRule) => rule.type === 'string[]' ? 'string_list' : rule.type,
    asJson: (rule: OvhRule) => JSON.stringify(rule)
  }
}
