// fast-check arbitraries made from the JSON schemas of the OpenAPI document (the subset zod writes:
// type, enum, const, anyOf, properties, required, additionalProperties, items, bounds, pattern,
// format, $ref). `valid` draws values the schema admits; `invalid` draws values that break it in
// one place. Both are filtered through ajv, so a keyword this file does not know never makes a
// "valid" value invalid or the reverse: schemathesis' idea, in fast-check, because schemathesis is
// a Python package these machines cannot install.
import fc from 'fast-check'
import type { JsonSchema, SchemaValidator } from './validator.js'

export type { JsonSchema }

// Bounds that keep bodies small: the document's own limits are far larger (8 KB TXT targets).
const MAX_STRING = 40
const MAX_ITEMS = 4
// Recursive schemas (a rule's children) stop there.
const MAX_DEPTH = 6

export interface SchemaContext {
  resolve (schema: JsonSchema): JsonSchema
  validator: SchemaValidator
}

function stringOf (schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = Math.max(min, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING))
  let base: fc.Arbitrary<string>
  if (schema.format === 'uuid') base = fc.uuid()
  else if (schema.format === 'email') base = fc.emailAddress()
  else if (schema.format === 'ipv4') base = fc.ipV4()
  else if (schema.format === 'ipv6') base = fc.ipV6()
  else if (schema.format === 'date-time') base = fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map(d => d.toISOString())
  else if (schema.format === 'date') base = fc.date({ min: new Date('1900-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map(d => d.toISOString().slice(0, 10))
  else if (schema.pattern !== undefined) base = fc.stringMatching(new RegExp(schema.pattern))
  else return fc.string({ minLength: min, maxLength: max })
  const maxLength = schema.maxLength ?? Infinity
  return base.filter(value => value.length >= min && value.length <= maxLength)
}

function numberOf (schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -1_000_000)
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : 1_000_000)
  // Small values most of the time: ids, durations and TTLs live near their lower bound.
  const high = Math.min(max, min + 100_000)
  if (integer) return fc.oneof(fc.integer({ min, max: Math.min(max, min + 20) }), fc.integer({ min, max: high }), fc.constant(max))
  return fc.double({ min, max: high, noNaN: true, noDefaultInfinity: true })
}

function objectOf (ctx: SchemaContext, schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {}
  const required = new Set<string>(schema.required ?? [])
  const record: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [name, property] of Object.entries(properties)) record[name] = valid(ctx, property, depth + 1)
  return fc.record(record, { requiredKeys: [...required].filter(name => name in record) })
}

/** Values the schema admits. */
export function valid (ctx: SchemaContext, raw: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = ctx.resolve(raw)
  if (depth > MAX_DEPTH) return fc.constant(null)
  return draw(ctx, schema, depth).filter(value => ctx.validator.accepts(schema, value))
}

function draw (ctx: SchemaContext, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const next = (branch: JsonSchema) => valid(ctx, branch, depth + 1)
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum)
  if (Array.isArray(schema.anyOf)) return fc.oneof(...schema.anyOf.map(next))
  if (Array.isArray(schema.oneOf)) return fc.oneof(...schema.oneOf.map(next))
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return next(schema.allOf[0])
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string': return stringOf(schema)
    case 'integer': return numberOf(schema, true)
    case 'number': return numberOf(schema, false)
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'array': {
      const items = schema.items ? next(schema.items) : fc.jsonValue()
      const minLength = schema.minItems ?? 0
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)) })
    }
    case 'object': return objectOf(ctx, schema, depth)
    default: return fc.jsonValue({ maxDepth: 1 })
  }
}

// Candidates that break a schema somewhere; ajv then keeps only those it refuses.
function breakers (ctx: SchemaContext, schema: JsonSchema): Array<fc.Arbitrary<unknown>> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  const out: Array<fc.Arbitrary<unknown>> = [fc.constantFrom<unknown>(true, 3.5, 'not-valid', [], { x: 1 })]
  if (type === 'string' || schema.pattern !== undefined || schema.format !== undefined) {
    out.push(fc.constantFrom('', ' ', '-', 'a..b', 'under_score.com', '1.2.3.4', 'x'.repeat(300), '2026-13-45', '5500-75-31', '+33 6 12', 'ab@', 'not a value'))
    if (schema.maxLength !== undefined && schema.maxLength < 2000) out.push(fc.constant('a'.repeat(schema.maxLength + 1)))
  }
  if (type === 'integer' || type === 'number') {
    out.push(fc.constantFrom(-1, 0, 1.5, 'abc', 1e16))
    if (schema.maximum !== undefined) out.push(fc.constant(schema.maximum + 1))
    if (schema.minimum !== undefined) out.push(fc.constant(schema.minimum - 1))
  }
  if (type === 'array' && schema.items) {
    out.push(valid(ctx, schema.items).chain(item => fc.constant([item, ...Array.from({ length: (schema.maxItems ?? 100) }, () => item)])))
    const item = invalid(ctx, schema.items)
    if (item !== null) out.push(item.map(value => [value]))
  }
  if (type === 'object' && schema.properties) {
    const required: string[] = schema.required ?? []
    const breakable = new Map<string, fc.Arbitrary<unknown>>()
    for (const [name, property] of Object.entries<JsonSchema>(schema.properties)) {
      const bad = invalid(ctx, property)
      if (bad !== null) breakable.set(name, bad)
    }
    out.push(objectOf(ctx, schema).chain(value => {
      const options: Array<fc.Arbitrary<unknown>> = [fc.constant({ ...value, unknownField: 1 })]
      if (required.length > 0) options.push(fc.constantFrom(...required).map(name => { const { [name]: _, ...rest } = value; return rest }))
      for (const name of breakable.keys()) options.push(breakable.get(name)!.map(bad => ({ ...value, [name]: bad })))
      return fc.oneof(...options)
    }))
  }
  return out
}

/**
 * Values the schema refuses (ajv says so), or null when the candidates never break it (a string
 * without bounds takes anything). `refuses` says whether a candidate breaks it as it is sent.
 */
export function invalid (ctx: SchemaContext, raw: JsonSchema, refuses = (value: unknown) => !ctx.validator.accepts(ctx.resolve(raw), value)): fc.Arbitrary<unknown> | null {
  const schema = ctx.resolve(raw)
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf.map((branch: JsonSchema) => ctx.resolve(branch)) : [schema]
  const candidates = fc.oneof(...branches.flatMap((branch: JsonSchema) => breakers(ctx, branch)))
  // A filter that nothing passes would draw forever: try first.
  if (!fc.sample(candidates, { numRuns: 200, seed: 1 }).some(refuses)) return null
  return candidates.filter(refuses)
}
