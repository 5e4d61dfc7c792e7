// Limits on the size of a GraphQL query (depth is limited by Mercurius' queryDepth option).
// Counting fields, fragments expanded, is a few lines of graphql-js; a cost-analysis library
// would add weight for no gain here, since every list is paginated at 100 items at most.
import { GraphQLError, Kind } from 'graphql'
import type { ASTVisitor, FragmentDefinitionNode, SelectionSetNode, ValidationContext } from 'graphql'

export function maxFieldsRule (maxFields: number) {
  return function MaxFields (context: ValidationContext): ASTVisitor {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
    }
    const count = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      if (!set) return 0
      let total = 0
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet, visiting)
        else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, visiting)
        else if (!visiting.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value)
          visiting.add(selection.name.value)
          total += count(fragment?.selectionSet, visiting)
          visiting.delete(selection.name.value)
        }
        if (total > maxFields) return total
      }
      return total
    }
    return {
      OperationDefinition (node) {
        const fields = count(node.selectionSet, new Set())
        if (fields > maxFields) {
          context.reportError(new GraphQLError(`the query selects more than ${maxFields} fields; split it`, { nodes: [node] }))
        }
      }
    }
  }
}
