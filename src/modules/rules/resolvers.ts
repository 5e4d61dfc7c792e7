// GraphQL: Query.eligibilityRules (the recursive rule tree) and Query.checkEligibility.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import type { OvhRule, RuleData } from './schemas.js'
import { checkEligibility, getRuleTree } from './service.js'

// checkEligibility: the schema's input (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const rulesResolvers: Resolvers = {
  Query: {
    eligibilityRules: (_root, { domain, action }, { caller }) => getRuleTree(caller, { domain, action }),
    checkEligibility: (_root, { domain, action, data }, { caller }) => checkEligibility(caller, { domain, action, data: data as RuleData | null | undefined })
  },
  EligibilityRule: {
    // 'string[]' cannot be a GraphQL enum value.
    type: (rule: OvhRule) => rule.type === 'string[]' ? 'string_list' : rule.type,
    asJson: (rule: OvhRule) => JSON.stringify(rule)
  }
}
