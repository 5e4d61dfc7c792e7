// Every part of schema.graphql describes itself: integrators generate clients and read docs from
// the schema, and a field with no description is a guess for them. Whoever adds a type, field,
// argument, enum value or input field adds its description in the same change, or this fails and
// names what is missing. (test/app/served-schema.test.ts checks that the gateway serves this file,
// descriptions included.)
import t from 'tap'
import { readFileSync } from 'node:fs'
import {
  buildSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType,
  isSpecifiedScalarType, specifiedDirectives
} from 'graphql'
import type { GraphQLSchema } from 'graphql'
import { graphqlSchemaPath } from '../../src/paths.js'

interface Described { coordinate: string, description: string | null | undefined }

/** Every describable part of the schema, by its schema coordinate (Type.field(arg:)). */
export function describableParts (schema: GraphQLSchema): Described[] {
  const parts: Described[] = []
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue
    parts.push({ coordinate: type.name, description: type.description })
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        parts.push({ coordinate: `${type.name}.${field.name}`, description: field.description })
        for (const arg of field.args) parts.push({ coordinate: `${type.name}.${field.name}(${arg.name}:)`, description: arg.description })
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) parts.push({ coordinate: `${type.name}.${field.name}`, description: field.description })
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) parts.push({ coordinate: `${type.name}.${value.name}`, description: value.description })
    }
  }
  for (const directive of schema.getDirectives()) {
    if (specifiedDirectives.some(specified => specified.name === directive.name)) continue
    parts.push({ coordinate: `@${directive.name}`, description: directive.description })
    for (const arg of directive.args) parts.push({ coordinate: `@${directive.name}(${arg.name}:)`, description: arg.description })
  }
  return parts
}

// "serviceId" described as "Service id." says nothing the name does not.
function restatesName (coordinate: string, description: string): boolean {
  const name = /([A-Za-z_]\w*)(?:\(([A-Za-z_]\w*):\))?$/.exec(coordinate)
  const last = name?.[2] ?? name?.[1] ?? ''
  const words = (text: string): string => text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[^A-Za-z0-9]+/g, ' ').trim().toLowerCase()
  return words(description).replace(/^(the|a|an) /, '') === words(last)
}

const schema = buildSchema(readFileSync(graphqlSchemaPath, 'utf8'))
const parts = describableParts(schema)

t.test('every type, field, argument, enum value and input field of schema.graphql has a description', async t => {
  t.ok(parts.length > 1_500, `${parts.length} parts checked`)
  const missing = parts.filter(part => !part.description?.trim()).map(part => part.coordinate)
  t.same(missing, [], `${missing.length} without a description: ${missing.slice(0, 20).join(', ')}`)
})

t.test('no description merely restates its name', async t => {
  const restating = parts.filter(part => part.description && restatesName(part.coordinate, part.description)).map(part => part.coordinate)
  t.same(restating, [])
})

t.test('the check sees what is missing', async t => {
  const bare = buildSchema('"Q." type Query { "F." f(a: Int): E! g: Int } enum E { "V." V W } input I { x: Int } directive @d(n: Int) on FIELD')
  t.same(describableParts(bare).filter(part => !part.description).map(part => part.coordinate),
    ['Query.f(a:)', 'Query.g', 'E', 'E.W', 'I', 'I.x', '@d', '@d(n:)'])
  t.ok(restatesName('Domain.serviceId', 'Service id.'))
  t.notOk(restatesName('Domain.serviceId', 'OVH\'s service id of the domain.'))
})
