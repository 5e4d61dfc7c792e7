// The OpenAPI document's side of the open enums: a string enum of a REST answer that mirrors one
// of OVH's (a GraphQL enum marked @ovhEnum, ./graphql.ts) is documented as what the REST serializer
// really answers (./rest-serializer.ts), a string whose known values are listed, not a closed
// `enum` that a validating client would fail on when OVH adds a value. Inputs stay closed: the
// gateway refuses values it does not know. The @ovhEnum marks are the one list of OVH's enums, so
// the two APIs cannot disagree; a zod enum is recognised by having exactly the same values.
import { Kind, parse } from 'graphql'
import { OVH_ENUM_DIRECTIVE } from './graphql.js'

export type OvhEnums = Map<string, string>

const key = (values: readonly string[]): string => [...values].sort().join('\u0000')

// Values (sorted, joined) -> the GraphQL enum's name, from schema.graphql's text.
export function ovhEnumsOf (sdl: string): OvhEnums {
  const found: OvhEnums = new Map()
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue
    if (!(definition.directives ?? []).some(directive => directive.name.value === OVH_ENUM_DIRECTIVE)) continue
    found.set(key((definition.values ?? []).map(value => value.name.value)), definition.name.value)
  }
  return found
}

type Node = Record<string, unknown>

// Rewrites, in place, every OVH enum under `node` (a response's schema); returns it.
export function openOvhEnumSchemas<T> (node: T, enums: OvhEnums): T {
  if (node === null || typeof node !== 'object') return node
  if (Array.isArray(node)) {
    for (const item of node) openOvhEnumSchemas(item, enums)
    return node
  }
  const schema = node as Node
  const values = schema.enum
  const name = Array.isArray(values) && values.every(value => typeof value === 'string') ? enums.get(key(values)) : undefined
  if (name !== undefined) {
    const known = values as string[]
    delete schema.enum
    schema.type = 'string'
    schema['x-extensible-enum'] = known
    schema['x-ovh-enum'] = name
    const note = `OVH enumeration (GraphQL \`${name}\`): a value OVH adds after this release is returned as OVH sent it. Known values: ${known.join(', ')}.`
    schema.description = typeof schema.description === 'string' ? `${schema.description.replace(/\.$/, '')}. ${note}` : note
    return node
  }
  for (const value of Object.values(schema)) openOvhEnumSchemas(value, enums)
  return node
}

// A route's transformed schema: its success answers (copied first: the zod transform caches the
// JSON schemas it makes, and error answers are the gateway's own).
export function withOpenOvhEnums<T extends { schema: object }> (transformed: T, enums: OvhEnums): T {
  const response = (transformed.schema as { response?: Record<string, unknown> }).response
  if (response === undefined) return transformed
  const opened = Object.fromEntries(Object.entries(response).map(([code, answer]) =>
    [code, /^2\d\d$/.test(code) ? openOvhEnumSchemas(structuredClone(answer), enums) : answer]))
  return { ...transformed, schema: { ...transformed.schema, response: opened } }
}

// components.schemas: the answers' shared schemas; their `...Input` twins (zod's input registry)
// describe what the gateway accepts, and stay closed.
export function openOvhEnumComponents<T> (document: T, enums: OvhEnums): T {
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {}
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.endsWith('Input')) openOvhEnumSchemas(schema, enums)
  }
  return document
}
