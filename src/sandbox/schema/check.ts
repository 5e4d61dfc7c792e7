// Checks a JSON value against an OVH schema type: scalars, T[], map[string]T, enums, models, generics.
import { isIP, isIPv4, isIPv6 } from 'node:net'
import type { OvhSchema } from './load.js'
import type { RawModel } from './types.js'

// 'response': what the sandbox returns must be complete (every property, null only where allowed).
// 'request': what a client sends needs only the required properties, and nothing unknown; null
// for an optional property means "not given", as OVH reads it (OVH's Python SDK sends
// `"allowedIPs": null` when asking for a consumer key).
export type CheckMode = 'response' | 'request'

export type ProblemKind = 'missing' | 'unknown' | 'null' | 'type' | 'enum' | 'schema'

export interface Problem {
  path: string
  kind: ProblemKind
  message: string
}

export interface CheckOptions {
  mode: CheckMode
  // Schema file of the operation (e.g. 'domain'): its models win over same-named ones elsewhere.
  file?: string
  // Request mode: told of each null taken as "not given" on a property that cannot hold null, so
  // the caller can drop it before a handler sees a null its model says never comes.
  onAbsentNull?: (record: Record<string, unknown>, name: string) => void
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const isString = (value: unknown): value is string => typeof value === 'string'

function isBlock (value: unknown, family?: 4 | 6): boolean {
  if (!isString(value)) return false
  const [address, prefix, ...rest] = value.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0 || (family !== undefined && version !== family)) return false
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128))
}

// Scalar type name -> [test, what was expected]. Names from ovh-api/README.md plus the few extra
// ones the files use (uuid, duration, time, ipv4Block...).
const SCALARS: Record<string, [(value: unknown) => boolean, string]> = {
  string: [isString, 'a string'],
  text: [isString, 'a string'],
  password: [isString, 'a string'],
  phoneNumber: [isString, 'a phone number string'],
  duration: [isString, 'a duration string'],
  time: [isString, 'a time string'],
  long: [value => Number.isSafeInteger(value), 'an integer (long)'],
  int: [value => Number.isSafeInteger(value), 'an integer'],
  double: [value => typeof value === 'number' && Number.isFinite(value), 'a number (double)'],
  float: [value => typeof value === 'number' && Number.isFinite(value), 'a number'],
  boolean: [value => typeof value === 'boolean', 'a boolean'],
  datetime: [value => isString(value) && DATETIME.test(value) && !Number.isNaN(Date.parse(value)), 'an ISO 8601 date-time'],
  date: [value => isString(value) && DATE.test(value) && !Number.isNaN(Date.parse(value)), 'a date (YYYY-MM-DD)'],
  ip: [value => isString(value) && isIP(value) !== 0, 'an IP address'],
  ipv4: [value => isString(value) && isIPv4(value), 'an IPv4 address'],
  ipv6: [value => isString(value) && isIPv6(value), 'an IPv6 address'],
  ipBlock: [value => isBlock(value), 'an IP block'],
  ipv4Block: [value => isBlock(value, 4), 'an IPv4 block'],
  ipv6Block: [value => isBlock(value, 6), 'an IPv6 block'],
  uuid: [value => isString(value) && UUID.test(value), 'a UUID']
}

export function isScalarType (type: string): boolean {
  return Object.hasOwn(SCALARS, type)
}

function describe (value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)
  if (typeof value === 'object') return 'an object'
  return String(value)
}

function join (path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

interface Walk {
  schema: OvhSchema
  options: CheckOptions
  problems: Problem[]
}

// A generic model is stored both as 'complexType.UnitAndValue<T>' and, for some arguments, as
// 'complexType.UnitAndValue<long>'; either way its properties are written with the parameter 'T'.
function resolveModel (walk: Walk, type: string): { model: RawModel, generics: Record<string, string> } | undefined {
  const exact = walk.schema.model(type, walk.options.file)
  const generic = /^(.+)<(.+)>$/.exec(type)
  if (exact !== undefined && generic === null) return { model: exact, generics: {} }
  if (generic === null) return undefined
  const [, base, args] = generic
  const model = exact ?? findGenericModel(walk, base)
  if (model === undefined) return undefined
  const names = model.generics ?? []
  const values = args.split(',').map(arg => arg.trim())
  return { model, generics: Object.fromEntries(names.map((name, i) => [name, values[i]])) }
}

function findGenericModel (walk: Walk, base: string): RawModel | undefined {
  for (const [fileName, file] of walk.schema.files) {
    if (walk.options.file !== undefined && fileName !== walk.options.file) continue
    const key = Object.keys(file.models).find(name => name.startsWith(base + '<'))
    if (key !== undefined) return file.models[key]
  }
  return walk.options.file === undefined ? undefined : findGenericModel({ ...walk, options: { ...walk.options, file: undefined } }, base)
}

function checkAt (walk: Walk, rawType: string, value: unknown, path: string, generics: Record<string, string>): void {
  const type = generics[rawType] ?? rawType
  const problem = (kind: ProblemKind, message: string): void => { walk.problems.push({ path, kind, message }) }

  if (type === 'void') {
    if (value !== null && value !== undefined) problem('type', `expected no value (void), got ${describe(value)}`)
    return
  }
  if (value === null) {
    problem('null', 'must not be null')
    return
  }
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return problem('type', `expected an array, got ${describe(value)}`)
    value.forEach((item, i) => checkAt(walk, type.slice(0, -2), item, `${path}[${i}]`, generics))
    return
  }
  if (type.startsWith('map[string]')) {
    if (typeof value !== 'object' || Array.isArray(value)) return problem('type', `expected an object (map), got ${describe(value)}`)
    for (const [key, item] of Object.entries(value)) checkAt(walk, type.slice('map[string]'.length), item, join(path, key), generics)
    return
  }
  const scalar = SCALARS[type]
  if (scalar !== undefined) {
    if (!scalar[0](value)) problem('type', `expected ${scalar[1]}, got ${describe(value)}`)
    return
  }

  const resolved = resolveModel(walk, type)
  if (resolved === undefined) return problem('schema', `unknown type ${type}`)
  const { model } = resolved

  if (model.enum !== undefined) {
    const numeric = model.enumType === 'long' || model.enumType === 'double'
    const wrongType = numeric ? typeof value !== 'number' : typeof value !== 'string'
    if (wrongType || !model.enum.map(String).includes(String(value))) {
      problem('enum', `${describe(value)} does not belong to ${type} (${model.enum.join(', ')})`)
    }
    return
  }

  if (typeof value !== 'object' || Array.isArray(value)) return problem('type', `expected a ${type} object, got ${describe(value)}`)
  const properties = model.properties ?? {}
  const record = value as Record<string, unknown>
  for (const [name, property] of Object.entries(properties)) {
    const item = record[name]
    const at = join(path, name)
    if (item === undefined) {
      if (walk.options.mode === 'response' || property.required === true) {
        walk.problems.push({ path: at, kind: 'missing', message: `missing property of ${type}` })
      }
      continue
    }
    if (item === null) {
      if (property.canBeNull) continue
      if (walk.options.mode === 'request' && property.required !== true) walk.options.onAbsentNull?.(record, name)
      else walk.problems.push({ path: at, kind: 'null', message: `must not be null (${type})` })
      continue
    }
    checkAt(walk, property.type, item, at, { ...generics, ...resolved.generics })
  }
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(properties, name)) {
      walk.problems.push({ path: join(path, name), kind: 'unknown', message: `not a property of ${type}` })
    }
  }
}

// Returns every problem found; an empty list means the value conforms.
export function checkValue (schema: OvhSchema, type: string, value: unknown, options: CheckOptions, path = ''): Problem[] {
  const walk: Walk = { schema, options, problems: [] }
  checkAt(walk, type, value, path, {})
  return walk.problems
}
