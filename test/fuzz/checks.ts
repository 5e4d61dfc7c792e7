// What an answer to a drawn request must satisfy: no 5xx; a status, media type and body the
// document gives for the operation; a valid request accepted or refused for a documented business
// reason; an invalid one refused with a coded 4xx before any call reaches OVH.
import type { FuzzRequest, Operation } from './requests.js'
import type { SchemaValidator } from './validator.js'

export interface Answer {
  status: number
  contentType: string | undefined
  body: string
  // OVH calls the sandbox received while the request was served.
  upstreamCalls: number
}

export interface Violation {
  // Groups repeats: 'POST /v1/carts valid-refused BAD_USER_INPUT body.x'.
  kind: string
  detail: string
}

/**
 * Why a valid request may still be refused, per operation (`METHOD /path`, '*' for all), each with
 * the reason the document gives (its summary, a field's description, the README): the codes
 * allowed, and for BAD_USER_INPUT the fields (`*` ends a prefix) whose rule the JSON schema cannot
 * state (one field against another, against the object's state at OVH, a cursor from a page). An
 * OVH_ERROR that is OVH's own check of a value's type or format is never allowed: the gateway
 * should have refused the value first.
 */
export interface Allowance {
  codes?: Record<string, string>
  fields?: Record<string, string>
}
export type Allowances = Record<string, Allowance>

// The sandbox's words (as OVH's) when a value breaks OVH's schema: a check the gateway lacks.
const OVH_FORMAT_CHECK = /^Invalid (value|domain name)/

function fieldAllowed (field: string, patterns: string[]): boolean {
  return patterns.some(pattern => pattern.endsWith('*') ? field.startsWith(pattern.slice(0, -1)) : field === pattern)
}

function refusalAllowed (allowances: Allowances, operation: string, problem: Problem): boolean {
  const rules = [allowances['*'], allowances[operation]].filter(Boolean)
  const code = problem.code
  if (code === undefined) return false
  if (code === 'OVH_ERROR' && OVH_FORMAT_CHECK.test(problem.ovh?.message ?? '')) return false
  if (rules.some(rule => rule.codes?.[code] !== undefined)) return true
  if (code !== 'BAD_USER_INPUT') return false
  const patterns = rules.flatMap(rule => Object.keys(rule.fields ?? {}))
  const fields = (problem.fields ?? []).map(f => f.field)
  return fields.length > 0 && fields.every(field => fieldAllowed(field, patterns))
}

function documented (operation: Operation, status: number) {
  return operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default
}

function parse (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function conformance (validator: SchemaValidator, operation: Operation, answer: Answer): string | null {
  const response = documented(operation, answer.status)
  if (response === undefined) return `status ${answer.status} is not documented`
  const media = answer.contentType?.split(';')[0].trim()
  const content = response.content
  if (content === undefined || Object.keys(content).length === 0 || answer.status === 204) {
    return answer.body === '' ? null : `status ${answer.status} documents no body, got ${answer.body.slice(0, 80)}`
  }
  if (media === undefined || content[media] === undefined) return `media type ${media} is not documented for ${answer.status} (${Object.keys(content).join(', ')})`
  // A text answer (the CSV exports, the credential callback's page) is documented as a string.
  if (!/[/+]json$/.test(media)) return validator.errors(content[media].schema, answer.body).length === 0 ? null : `the ${media} body is not documented as text`
  const body = parse(answer.body)
  if (body === undefined) return `the ${media} body is not JSON`
  const errors = validator.errors(content[media].schema, body)
  return errors.length === 0 ? null : `the body does not match its schema: ${errors.slice(0, 3).map(e => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`
}

interface Problem { code?: string, fields?: Array<{ field: string }>, ovh?: { message?: string } }

export function check (validator: SchemaValidator, allowances: Allowances, request: FuzzRequest, answer: Answer): Violation[] {
  const operation = `${request.method} ${request.operation.path}`
  const violations: Violation[] = []
  const problem = (answer.status >= 400 ? parse(answer.body) ?? {} : {}) as Problem
  const fields = (problem.fields ?? []).map(f => f.field).join(',')
  if (answer.status >= 500) violations.push({ kind: `${operation} 5xx ${problem.code ?? ''}`, detail: answer.body.slice(0, 300) })
  const mismatch = conformance(validator, request.operation, answer)
  if (mismatch !== null) violations.push({ kind: `${operation} answer-mismatch ${answer.status}`, detail: mismatch })
  if (answer.status >= 400 && typeof problem.code !== 'string') violations.push({ kind: `${operation} uncoded ${answer.status}`, detail: answer.body.slice(0, 200) })

  if (request.valid && answer.status >= 400 && answer.status < 500) {
    if (!refusalAllowed(allowances, operation, problem)) {
      violations.push({ kind: `${operation} valid-refused ${problem.code ?? answer.status} ${fields}`, detail: answer.body.slice(0, 300) })
    }
  }
  if (!request.valid) {
    if (answer.status < 400) violations.push({ kind: `${operation} invalid-accepted ${request.broken ?? ''}`, detail: `${answer.status} ${answer.body.slice(0, 200)}` })
    else if (answer.status < 500 && answer.upstreamCalls > 0) {
      violations.push({ kind: `${operation} invalid-reached-ovh ${request.broken ?? ''}`, detail: `${answer.upstreamCalls} OVH calls, then ${answer.status} ${problem.code ?? ''}` })
    }
  }
  return violations
}
