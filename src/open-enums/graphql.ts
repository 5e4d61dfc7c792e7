// GraphQL enums marked `@ovhEnum` in schema.graphql mirror an OVH enumeration. graphql-js (and
// graphql-jit, which calls the same `serialize`) fails a field whose value is not in its enum, and
// a non-null field takes its parents down with it: one domain in a state added by OVH after this
// release would empty a whole page of `domains`. Such a value is passed through as OVH sent it
// instead (the REST API does the same); the gateway's own enums stay strict. graphql-js has no
// option for this, hence wrapping `serialize` once, when the schema is built.
import { isEnumType } from 'graphql'
import type { GraphQLSchema } from 'graphql'
import type { UnknownValueReporter } from './unknown-values.js'

export const OVH_ENUM_DIRECTIVE = 'ovhEnum'

export function openOvhEnums (schema: GraphQLSchema, report: UnknownValueReporter): string[] {
  const opened: string[] = []
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type)) continue
    const marked = type.astNode?.directives?.some(directive => directive.name.value === OVH_ENUM_DIRECTIVE) ?? false
    if (!marked) continue
    const strict = type.serialize.bind(type)
    const known = new Set(type.getValues().map(value => value.value as unknown))
    type.serialize = (value: unknown) => {
      if (typeof value === 'string' && !known.has(value)) {
        report(`GraphQL enum ${type.name}`, value)
        return value
      }
      return strict(value)
    }
    opened.push(type.name)
  }
  return opened
}
