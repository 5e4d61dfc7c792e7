// The meaning of each enum value, in the OpenAPI document as in GraphQL. schema.graphql describes
// every enum value (test/graphql/descriptions.test.ts); a REST enum with exactly the values of a
// GraphQL enum is the same enumeration, so its values take those descriptions, as Redocly's
// `x-enumDescriptions` (value -> text, which Redoc renders beside the values). Open OVH enums
// (`x-extensible-enum`, ./openapi.ts) and closed ones (the gateway's own, and inputs) alike.
// Values compare without case or punctuation: REST passes OVH's `DEFERRED_PAYMENT_ACCOUNT` where
// GraphQL says `deferredPaymentAccount`, a name that code generators keep apart from its twin.
// Enumerations that REST has and GraphQL types as strings (error codes, event types) come from
// their own one list (`lists` below), whose descriptions cover any REST enum of their values.
import { Kind, parse } from 'graphql'

type Node = Record<string, unknown>
type Descriptions = Record<string, string>
export interface EnumValueDescriptions { exact: Map<string, Descriptions>, lists: Descriptions[] }

// OVH's rule type `string[]` is GraphQL's `string_list`.
const bare = (value: string): string => value.toLowerCase().replace(/\[\]$/, 'list').replace(/[^a-z0-9]/g, '')
// A set: REST takes both of OVH's spellings of a payment mean, which GraphQL's enum lists once.
const key = (values: readonly string[]): string => [...new Set(values.map(bare))].sort().join('\u0000')
const bareKeys = (described: Descriptions): Descriptions =>
  Object.fromEntries(Object.entries(described).map(([value, text]) => [bare(value), text]))

/** Each described GraphQL enum of `sdl` (matched by its values), and `lists` (value -> description). */
export function enumValueDescriptionsOf (sdl: string, lists: Descriptions[] = []): EnumValueDescriptions {
  const exact = new Map<string, Descriptions>()
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue
    const values = definition.values ?? []
    const described = Object.fromEntries(values.flatMap(value =>
      value.description === undefined ? [] : [[value.name.value, value.description.value]]))
    if (Object.keys(described).length > 0) exact.set(key(values.map(value => value.name.value)), bareKeys(described))
  }
  return { exact, lists: lists.map(bareKeys) }
}

function stringValues (node: Node): string[] | undefined {
  const values = node.enum ?? node['x-extensible-enum']
  return Array.isArray(values) && values.length > 0 && values.every(value => typeof value === 'string') ? values : undefined
}

function descriptionsOf (values: string[], described: EnumValueDescriptions): Descriptions | undefined {
  return described.exact.get(key(values)) ??
    described.lists.find(list => values.every(value => list[bare(value)] !== undefined))
}

/** Adds `x-enumDescriptions` to every string enum under `node` that is described; returns it. */
export function withEnumValueDescriptions<T> (node: T, described: EnumValueDescriptions): T {
  if (node === null || typeof node !== 'object') return node
  if (Array.isArray(node)) {
    for (const item of node) withEnumValueDescriptions(item, described)
    return node
  }
  const schema = node as Node
  const values = stringValues(schema)
  const descriptions = values === undefined ? undefined : descriptionsOf(values, described)
  if (values !== undefined && descriptions !== undefined) {
    // In the enum's own order, so the document reads like its list of values.
    schema['x-enumDescriptions'] = Object.fromEntries(values.flatMap(value =>
      descriptions[bare(value)] === undefined ? [] : [[value, descriptions[bare(value)]]]))
    return node
  }
  for (const value of Object.values(schema)) withEnumValueDescriptions(value, described)
  return node
}
