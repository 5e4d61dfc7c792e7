// Limits on the size of a GraphQL query: its depth and its number of fields, fragments expanded.
// Each is a few lines of graphql-js; a cost-analysis library would add weight for no gain here,
// since every list is paginated at 100 items at most. Introspection's own breadth is bounded by
// graphql-js's MaxIntrospectionDepthRule (in its specified rules since 16.9).
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

// Fields that open the schema's introspection, and the one field in it that does not count: `ofType`
// unwraps a list or non-null type, a chain bounded by the schema's wrappers, which GraphiQL (and
// graphql-js's getIntrospectionQuery) asks seven deep. Mercurius's queryDepth counted it, so
// GraphiQL's schema query (depth 15) was refused and its docs and completion stayed empty.
const INTROSPECTION_ROOTS = new Set(['__schema', '__type'])

export function maxDepthRule (maxDepth: number) {
  return function MaxDepth (context: ValidationContext): ASTVisitor {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
    }
    // A fragment's depth, by name and by whether it is spread inside introspection: spreading it
    // many times costs one walk (a document of fragments spread in fragments could be exponential).
    const fragmentDepths = new Map<string, number>()
    const depthOf = (set: SelectionSetNode | undefined, introspection: boolean, visiting: Set<string>): number => {
      let deepest = 0
      for (const selection of set?.selections ?? []) {
        let depth = 0
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value
          const own = introspection && name === 'ofType' ? 0 : 1
          depth = own + depthOf(selection.selectionSet, introspection || INTROSPECTION_ROOTS.has(name), visiting)
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet, introspection, visiting)
        } else if (!visiting.has(selection.name.value)) {
          // (A cycle is skipped here; graphql-js's NoFragmentCyclesRule reports it.)
          const key = `${selection.name.value}:${String(introspection)}`
          let known = fragmentDepths.get(key)
          if (known === undefined) {
            visiting.add(selection.name.value)
            known = depthOf(fragments.get(selection.name.value)?.selectionSet, introspection, visiting)
            visiting.delete(selection.name.value)
            fragmentDepths.set(key, known)
          }
          depth = known
        }
        deepest = Math.max(deepest, depth)
      }
      return deepest
    }
    return {
      OperationDefinition (node) {
        const depth = depthOf(node.selectionSet, false, new Set())
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`the query's depth (${depth}) exceeds the limit of ${maxDepth}; ask for less nesting`, { nodes: [node] }))
        }
      }
    }
  }
}
