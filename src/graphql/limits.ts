// Limits on the size of a GraphQL query: its depth and its number of fields, fragments expanded.
// Each is a few lines of graphql-js; a cost-analysis library would add weight for no gain here,
// since every list is paginated at 100 items at most. Introspection's own breadth is bounded by
// graphql-js's MaxIntrospectionDepthRule (in its specified rules since 16.9).
// Both rules walk each fragment once, however often it is spread: a document of fragments that
// spread each other twice over (1 KB, 24 levels) stands for 2^24 selections, and walking it
// expanded froze the gateway for seconds. plugins/graphql.ts runs them before graphql-js's rules.
import { GraphQLError, Kind } from 'graphql'
import type { ASTNode, ASTVisitor, DocumentNode, FragmentDefinitionNode, SelectionSetNode, ValidationContext } from 'graphql'

// The last definition of a name wins, as in graphql-js's ValidationContext.getFragment (a name
// defined twice is reported by its UniqueFragmentNamesRule).
function fragmentsByName (document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  return fragments
}

interface Size { fields: number, spreads: number }
const NOTHING: Size = { fields: 0, spreads: 0 }

/**
 * Fields and fragment spreads of each operation and each fragment, fragments expanded, at most
 * `maxFields` of each. Spreads count because a fragment can be all spreads: such a chain selects
 * few fields and still makes every later walk of the document expand it.
 */
export function maxFieldsRule (maxFields: number) {
  return function MaxFields (context: ValidationContext): ASTVisitor {
    const fragments = fragmentsByName(context.getDocument())
    const fragmentSizes = new Map<string, Size>()
    // Counts stop just past the limit: a size over it is over it wherever it is spread.
    const sizeOf = (set: SelectionSetNode | undefined, visiting: Set<string>): Size => {
      let fields = 0
      let spreads = 0
      for (const selection of set?.selections ?? []) {
        let inner: Size
        if (selection.kind === Kind.FIELD) {
          fields += 1
          inner = sizeOf(selection.selectionSet, visiting)
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = sizeOf(selection.selectionSet, visiting)
        } else {
          spreads += 1
          inner = fragmentSize(selection.name.value, visiting)
        }
        fields += inner.fields
        spreads += inner.spreads
        if (fields > maxFields || spreads > maxFields) break
      }
      return { fields: Math.min(fields, maxFields + 1), spreads: Math.min(spreads, maxFields + 1) }
    }
    const fragmentSize = (name: string, visiting: Set<string>): Size => {
      const known = fragmentSizes.get(name)
      if (known !== undefined) return known
      const fragment = fragments.get(name)
      // An unknown fragment, or a cycle: graphql-js's KnownFragmentNames and NoFragmentCycles rules report them.
      if (fragment === undefined || visiting.has(name)) return NOTHING
      visiting.add(name)
      const size = sizeOf(fragment.selectionSet, visiting)
      visiting.delete(name)
      fragmentSizes.set(name, size)
      return size
    }
    const check = (size: Size, what: string, node: ASTNode) => {
      if (size.fields > maxFields) context.reportError(new GraphQLError(`${what} selects more than ${maxFields} fields; split it`, { nodes: [node] }))
      if (size.spreads > maxFields) context.reportError(new GraphQLError(`${what} spreads fragments more than ${maxFields} times, counted expanded; split it`, { nodes: [node] }))
    }
    return {
      OperationDefinition (node) {
        check(sizeOf(node.selectionSet, new Set()), 'the query', node)
      },
      // Unused or defined twice, a fragment is still validated by graphql-js, whose rules compare
      // its fields pairwise: one too big for any query is refused as such.
      FragmentDefinition (node) {
        check(sizeOf(node.selectionSet, new Set([node.name.value])), `fragment ${node.name.value}`, node)
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
    const fragments = fragmentsByName(context.getDocument())
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
