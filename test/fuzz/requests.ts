// Requests drawn from the OpenAPI document's operations: valid ones (every parameter and the body
// from their schemas, path parameters often from values known to exist) and invalid ones (one
// parameter, header or the body broken; ajv confirms the break).
import fc from 'fast-check'
import { invalid, valid } from './schema-arbitrary.js'
import type { JsonSchema, SchemaContext } from './schema-arbitrary.js'

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const

export interface Parameter { name: string, in: 'path' | 'query' | 'header', required?: boolean, schema: JsonSchema }

export interface Operation {
  method: string
  // As in the document: '/v1/dns/zones/{zone}/records/{id}'.
  path: string
  parameters: Parameter[]
  body?: { required: boolean, schema: JsonSchema }
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>
}

export interface FuzzRequest {
  operation: Operation
  valid: boolean
  // What was broken, for an invalid request: 'params.id', 'body', 'header idempotency-key'.
  broken?: string
  method: string
  url: string
  headers: Record<string, string>
  body?: unknown
}

export function operationsOf (document: any): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const content = op.requestBody?.content?.['application/json']
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: content ? { required: op.requestBody.required !== false, schema: content.schema } : undefined,
        responses: op.responses ?? {}
      })
    }
  }
  return operations
}

/** Values known to exist, by the path segment before the parameter and its name: 'zones/zone'. */
export type KnownValues = Map<string, string[]>

export function knownKey (path: string, name: string): string {
  const segments = path.split('/')
  const at = segments.indexOf(`{${name}}`)
  return `${segments[at - 1]}/${name}`
}

function text (value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value)
}

// A path or query parameter's text: from its schema (then read back as the server reads it), or
// a value known to exist.
function validParam (ctx: SchemaContext, operation: Operation, parameter: Parameter, known: KnownValues): fc.Arbitrary<string> {
  const drawn = valid(ctx, parameter.schema).map(text)
    .filter(value => ctx.validator.acceptsParam(parameter.schema, value) && (parameter.in !== 'path' || value !== ''))
  const values = parameter.in === 'path' ? known.get(knownKey(operation.path, parameter.name)) ?? [] : []
  return values.length === 0 ? drawn : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: drawn })
}

function invalidParam (ctx: SchemaContext, parameter: Parameter): fc.Arbitrary<string> | null {
  // A path parameter that is empty or holds a slash is another path, not a bad value.
  const refused = (value: string): boolean => !ctx.validator.acceptsParam(parameter.schema, value) && (parameter.in !== 'path' || (value !== '' && !value.includes('/')))
  return invalid(ctx, parameter.schema, value => refused(text(value)))?.map(text) ?? null
}

function urlOf (operation: Operation, values: Record<string, string | undefined>): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[`path ${name}`] ?? ''))
  const query = new URLSearchParams()
  for (const parameter of operation.parameters) {
    const value = values[`query ${parameter.name}`]
    if (parameter.in === 'query' && value !== undefined) query.append(parameter.name, value)
  }
  const search = query.toString()
  return search === '' ? path : `${path}?${search}`
}

type Part = [string, fc.Arbitrary<string | undefined>]

function validParts (ctx: SchemaContext, operation: Operation, known: KnownValues): Part[] {
  return operation.parameters.map((parameter): Part => {
    const value = parameter.in === 'header' ? valid(ctx, parameter.schema).map(text) : validParam(ctx, operation, parameter, known)
    return [`${parameter.in} ${parameter.name}`, parameter.required === true ? value : fc.option(value, { nil: undefined })]
  })
}

function request (operation: Operation, parts: Record<string, string | undefined>, body: unknown, validity: { valid: boolean, broken?: string }): FuzzRequest {
  const headers: Record<string, string> = {}
  for (const parameter of operation.parameters) {
    const value = parts[`header ${parameter.name}`]
    if (parameter.in === 'header' && value !== undefined) headers[parameter.name] = value
  }
  return { operation, ...validity, method: operation.method, url: urlOf(operation, parts), headers, ...(body === undefined ? {} : { body }) }
}

function validBody (ctx: SchemaContext, operation: Operation): fc.Arbitrary<unknown> {
  if (!operation.body) return fc.constant(undefined)
  const body = valid(ctx, operation.body.schema)
  return operation.body.required ? body : fc.option(body, { nil: undefined })
}

export function validRequest (ctx: SchemaContext, operation: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.record(Object.fromEntries(validParts(ctx, operation, known))), validBody(ctx, operation))
    .map(([parts, body]) => request(operation, parts, body, { valid: true }))
}

/** One part broken: a parameter (a required one may be left out), a header, or the body. */
export function invalidRequest (ctx: SchemaContext, operation: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> | null {
  const breaks: Array<fc.Arbitrary<FuzzRequest>> = []
  const base = fc.tuple(fc.record(Object.fromEntries(validParts(ctx, operation, known))), validBody(ctx, operation))
  for (const parameter of operation.parameters) {
    const key = `${parameter.in} ${parameter.name}`
    const bad = invalidParam(ctx, parameter)
    const choices: Array<fc.Arbitrary<string | undefined>> = bad === null ? [] : [bad]
    if (parameter.required === true && parameter.in !== 'path') choices.push(fc.constant(undefined))
    if (choices.length === 0) continue
    breaks.push(fc.tuple(base, fc.oneof(...choices)).map(([[parts, body], value]) => request(operation, { ...parts, [key]: value }, body, { valid: false, broken: key })))
  }
  const body = operation.body ? invalid(ctx, operation.body.schema) : null
  if (body !== null) breaks.push(fc.tuple(base, body).map(([[parts], value]) => request(operation, parts, value, { valid: false, broken: 'body' })))
  return breaks.length === 0 ? null : fc.oneof(...breaks)
}
