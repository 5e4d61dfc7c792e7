// A query's cost, estimated before it runs: what its fields fetch, each weighed by how many times
// it runs. A field that calls OVH weighs OVH_CALL, one that reads the gateway's database or mirror
// LOCAL_READ, one that only reshapes its parent nothing (graphql/cost-weights.ts); a list field
// multiplies everything beneath it by its size (`first`, the ids it is given, else UNSIZED_LIST),
// and a page or a list of ids that fetches weighs its own fetch per item too. Mirrored fields (those with a `live`
// argument) are local reads unless asked `live: true`.
// A few dozen lines on graphql-js's own helpers: the cost libraries for Mercurius and graphql-js
// cannot weigh a field by whether the mirror answers it, nor take its resolvers as the list of
// fields that fetch. The depth and field limits (graphql/limits.ts) have run before this walk, so
// walking fragments expanded is bounded.
import { getArgumentValues, getNamedType, getNullableType, getOperationAST, getVariableValues, isCompositeType, isListType, Kind } from 'graphql'
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLField, GraphQLSchema, SelectionSetNode } from 'graphql'
import { gatewayError } from '../errors.js'
import { LOCAL_READ, MAX_PAGE, OVH_CALL, PAGE_CAPPED_CALLS, UNSIZED_LIST } from './cost-weights.js'
import type { FieldKind } from './cost-weights.js'

interface Walk {
  schema: GraphQLSchema
  kinds: Map<string, FieldKind>
  fragments: Map<string, FragmentDefinitionNode>
  variables: Record<string, unknown>
}

function argumentsOf (walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, walk.variables)
  } catch {
    // A value of the wrong type: graphql-js refuses the request later; its size counts as the default.
    return {}
  }
}

interface Size {
  // How many times what is beneath the field runs.
  items: number
  // Whether the client named that many items (a page size, ids to read), each then fetched.
  asked: boolean
}

function sizeOf (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): Size {
  if (typeof args.first === 'number') return { items: Math.min(Math.max(args.first, 1), MAX_PAGE), asked: true }
  const lists = Object.values(args).filter(Array.isArray)
  if (lists.length > 0) return { items: Math.max(1, ...lists.map(list => list.length)), asked: true }
  // A page's edges and nodes: the connection field above counted them (its `first`).
  if (!isListType(getNullableType(field.type)) || parent.name.endsWith('Connection')) return { items: 1, asked: false }
  // A list the client cannot size (a domain's name servers, a task's arguments) is one fetch (a
  // list, then batch reads) of an assumed size for what is beneath it.
  return { items: UNSIZED_LIST, asked: false }
}

function weightOf (kind: FieldKind | undefined, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (kind === undefined) return 0
  if (kind === 'local') return LOCAL_READ
  const mirrored = field.args.some(arg => arg.name === 'live') && args.live !== true
  return mirrored ? LOCAL_READ : OVH_CALL
}

function costOf (walk: Walk, set: SelectionSetNode | undefined, parent: GraphQLCompositeType, times: number): number {
  let total = 0
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      // Introspection (bounded by graphql-js's MaxIntrospectionDepthRule) and __typename are free.
      if (selection.name.value.startsWith('__') || !('getFields' in parent)) continue
      const field = parent.getFields()[selection.name.value]
      if (field === undefined) continue
      const args = argumentsOf(walk, field, selection)
      const size = sizeOf(parent, field, args)
      const name = `${parent.name}.${field.name}`
      const weight = weightOf(walk.kinds.get(name), field, args)
      // A page or ids that fetch, fetch per item (a page of records, one read each, batched or not).
      const own = times * weight * (size.asked ? size.items : 1)
      const cap = PAGE_CAPPED_CALLS[name]
      total += cap === undefined ? own : Math.min(own, cap * OVH_CALL)
      const type = getNamedType(field.type)
      if (isCompositeType(type)) total += costOf(walk, selection.selectionSet, type, times * size.items)
    } else {
      const condition = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition : walk.fragments.get(selection.name.value)?.typeCondition
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : walk.fragments.get(selection.name.value)?.selectionSet
      const type = condition === undefined ? parent : walk.schema.getType(condition.name.value)
      if (type !== undefined && type !== null && isCompositeType(type)) total += costOf(walk, inner, type, times)
    }
  }
  return total
}

/** The estimated cost of the operation the request runs (operationName, else the only one). */
export function queryCost (schema: GraphQLSchema, document: DocumentNode, kinds: Map<string, FieldKind>, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName)
  if (operation === null || operation === undefined) return 0
  const root = schema.getRootType(operation.operation)
  if (root === undefined || root === null) return 0
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {})
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  return costOf({ schema, kinds, fragments, variables: coerced.coerced ?? {} }, operation.selectionSet, root, 1)
}

/** Refuses, before it runs, an operation whose estimated cost is past the limit. */
export function checkCost (cost: number, maxCost: number): void {
  if (cost <= maxCost) return
  throw gatewayError('QUERY_TOO_COSTLY', `the query's estimated cost (${Math.round(cost)}) exceeds the limit of ${maxCost}: ask for smaller pages (first), fewer fields that call OVH under lists, or split it`, { cost: Math.round(cost), maxCost })
}
