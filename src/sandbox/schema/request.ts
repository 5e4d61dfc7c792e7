// Validates and coerces what a client sends (path, query, body) against the operation's schema,
// so that a gateway bug such as `nameServer` instead of `nameServers` fails loudly with a 400.
import { badRequest, invalidUrl } from '../errors.js'
import { checkValue } from './check.js'
import type { Problem } from './check.js'
import type { OvhSchema } from './load.js'
import type { RawParameter, SchemaOperation } from './types.js'

export interface RawRequest {
  params: Record<string, string>
  query: Record<string, string | string[] | undefined>
  // Parsed JSON body; undefined when the request had none.
  body: unknown
}

export interface ValidRequest {
  params: Record<string, string | number | boolean>
  query: Record<string, unknown>
  body: unknown
}

type Coerced = { ok: true, value: unknown } | { ok: false, message: string }

// Query and path values arrive as text: turn them into the JSON value the type describes, then
// check that value with the same checker as bodies.
export function coerceText (schema: OvhSchema, operation: SchemaOperation, type: string, raw: string | string[]): Coerced {
  if (type.startsWith('map[')) return { ok: true, value: raw } // iamTags: an OVH-side filter we accept as is
  if (type.endsWith('[]')) {
    const parts = (Array.isArray(raw) ? raw : [raw]).flatMap(item => item.split(','))
    const values: unknown[] = []
    for (const part of parts) {
      const item = coerceText(schema, operation, type.slice(0, -2), part)
      if (!item.ok) return item
      values.push(item.value)
    }
    return { ok: true, value: values }
  }
  if (Array.isArray(raw)) return { ok: false, message: 'expected a single value, got several' }
  const model = schema.model(type, operation.file)
  const numeric = ['long', 'int', 'double', 'float'].includes(type) || (model?.enum !== undefined && model.enumType === 'long')
  let value: unknown = raw
  if (numeric && /^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw)
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) value = raw === 'true'
  const problems = checkValue(schema, type, value, { mode: 'request', file: operation.file })
  return problems.length === 0 ? { ok: true, value } : { ok: false, message: problems[0].message }
}

function format (where: string, problems: Problem[]): string {
  return problems.map(problem => {
    if (problem.kind === 'missing') return `Missing parameter(s): ${problem.path}`
    if (problem.kind === 'unknown') return `Unknown ${where} parameter ${problem.path}`
    return `Invalid value for ${where} parameter ${problem.path}: ${problem.message}`
  }).join('; ')
}

export function validatePathParam (schema: OvhSchema, operation: SchemaOperation, name: string, raw: string): string | number | boolean {
  // '/domain/' routes to '/domain/{serviceName}' with an empty name: OVH treats it as no route.
  if (raw === '') throw invalidUrl()
  const parameter = operation.parameters.find(p => p.paramType === 'path' && p.name === name)
  if (parameter === undefined) return raw
  const coerced = coerceText(schema, operation, parameter.dataType, raw)
  if (!coerced.ok) throw badRequest(`Invalid value for path parameter ${name}: ${coerced.message}`)
  return coerced.value as string | number | boolean
}

function validateQuery (schema: OvhSchema, operation: SchemaOperation, query: RawRequest['query']): Record<string, unknown> {
  const declared = new Map(operation.parameters.filter(p => p.paramType === 'query').map(p => [p.name ?? '', p]))
  const result: Record<string, unknown> = {}
  const problems: Problem[] = []
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue
    const parameter = declared.get(name)
    if (parameter === undefined) {
      problems.push({ path: name, kind: 'unknown', message: 'unknown' })
      continue
    }
    const coerced = coerceText(schema, operation, parameter.dataType, raw)
    if (coerced.ok) result[name] = coerced.value
    else problems.push({ path: name, kind: 'type', message: coerced.message })
  }
  for (const [name, parameter] of declared) {
    if (parameter.required && result[name] === undefined && !problems.some(p => p.path === name)) {
      problems.push({ path: name, kind: 'missing', message: 'missing' })
    }
  }
  if (problems.length > 0) throw badRequest(format('query', problems))
  return result
}

// Checks a body value; when it conforms, drops the nulls that stand for "not given" on properties
// whose model never holds null (the body was parsed for this request alone, so this is safe).
function checkBodyValue (schema: OvhSchema, operation: SchemaOperation, type: string, value: unknown, path = ''): Problem[] {
  const absent: Array<[Record<string, unknown>, string]> = []
  const problems = checkValue(schema, type, value, { mode: 'request', file: operation.file, onAbsentNull: (record, name) => absent.push([record, name]) }, path)
  if (problems.length === 0) for (const [record, name] of absent) delete record[name]
  return problems
}

function validateNamedBody (schema: OvhSchema, operation: SchemaOperation, fields: RawParameter[], body: unknown): Problem[] {
  if (body === undefined || body === null) body = {}
  if (typeof body !== 'object' || Array.isArray(body)) return [{ path: 'body', kind: 'type', message: 'expected a JSON object' }]
  const record = body as Record<string, unknown>
  const problems: Problem[] = []
  for (const field of fields) {
    const name = field.name ?? ''
    const value = record[name]
    // The SDKs drop null fields before sending; OVH reads null as "not given".
    if (value === undefined || value === null) {
      if (field.required) problems.push({ path: name, kind: 'missing', message: 'missing' })
      continue
    }
    problems.push(...checkBodyValue(schema, operation, field.dataType, value, name))
  }
  for (const name of Object.keys(record)) {
    if (!fields.some(field => field.name === name)) problems.push({ path: name, kind: 'unknown', message: 'unknown' })
  }
  return problems
}

function validateBody (schema: OvhSchema, operation: SchemaOperation, body: unknown): Problem[] {
  const bodyParameters = operation.parameters.filter(p => p.paramType === 'body')
  const whole = bodyParameters.find(p => p.name === undefined || p.name === '')
  if (whole !== undefined) {
    if (body === undefined || body === null) {
      return whole.required ? [{ path: 'body', kind: 'missing', message: 'missing' }] : []
    }
    return checkBodyValue(schema, operation, whole.dataType, body)
  }
  return validateNamedBody(schema, operation, bodyParameters, body)
}

// Path parameters are validated one by one by the caller (a batch read validates each id).
export function validateRequest (schema: OvhSchema, operation: SchemaOperation, request: Omit<RawRequest, 'params'>): Omit<ValidRequest, 'params'> {
  const query = validateQuery(schema, operation, request.query)
  const problems = validateBody(schema, operation, request.body)
  if (problems.length > 0) throw badRequest(format('body', problems))
  return { query, body: request.body }
}
