// The checks a parsed GraphQL document goes through before graphql-js's specified rules, so that a
// document past the gateway's limits is refused for the cost of one walk of it. graphql-js runs all
// of its rules in one visit and does not stop at an error: some compare fields and fragments
// pairwise (OverlappingFieldsCanBeMergedRule), and as validationRules (run in that same visit) our
// limits could not spare a refused document that work.
import { UniqueFragmentNamesRule, validate } from 'graphql'
import type { DocumentNode, GraphQLSchema } from 'graphql'
import { maxDepthRule, maxFieldsRule } from './limits.js'

export interface DocumentLimits { maxDepth: number, maxFields: number }

export function earlyValidation (limits: DocumentLimits) {
  // A fragment defined many times over is refused here too: graphql-js would compare every copy.
  const rules = [UniqueFragmentNamesRule, maxDepthRule(limits.maxDepth), maxFieldsRule(limits.maxFields)]
  /** Throws the document's errors, each answered as GRAPHQL_VALIDATION_FAILED (graphql/error-formatter.ts). */
  return function checkDocument (schema: GraphQLSchema, document: DocumentNode): void {
    const errors = validate(schema, document, rules)
    if (errors.length > 0) throw new AggregateError(errors, 'the query is past the gateway\'s limits')
  }
}
