// The isolation matrix over GraphQL: every field of Query and Mutation (read from the served
// schema, so a new field is probed without a line here, and one whose arguments cannot be made
// fails as uncovered) is asked by another tenant, a user limited to another customer and, for
// mutations, a read-only key, with the victim's names and ids as arguments. None may answer the
// victim's object, show its domains, or make an OVH call on it.
import t from 'tap'
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isAbstractType, isScalarType } from 'graphql'
import type { GraphQLField, GraphQLInputType } from 'graphql'
import { build } from '../helper.js'
import { toGlobalId } from '../../src/graphql/global-id.js'
import { isolationMatrix } from '../support/isolation-probes.js'
import type { Victim } from '../support/isolation-probes.js'

// Arguments and input fields that name a domain, and those that name an object by id.
const DOMAIN_ARG = /^(name|domain|zone|zoneName|serviceName)$/
const ID_ARG = /^(id|ids|taskId|userId|customerId)$/
// Fields about names in general, not objects of an account: the catalogue's answers for any name.
const PUBLIC = new Set(['availability', 'checkAvailability', 'prices', 'price', 'rules', 'checkRules', 'ruleTree', 'extensions', 'extension'])
const REFUSALS = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'])

class Uncovered extends Error {}

// The victim's id for an argument named `id` on a field: its domain's global id for node(s), else
// its user, customer or task.
function idFor (field: string, arg: string, victim: Victim): string {
  if (field === 'node' || field === 'nodes') return toGlobalId('Domain', victim.domain)
  if (arg === 'userId' || /^(user|updateUser)$/.test(field) || /ConsumerKey$|ApiKey$/.test(field)) return victim.ids.user
  if (arg === 'customerId' || /customer/i.test(field)) return victim.ids.customer
  if (arg === 'taskId' || /task/i.test(field)) return victim.ids.task
  return '1'
}

function valueOf (type: GraphQLInputType, field: string, arg: string, victim: Victim, depth = 0): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, field, arg, victim, depth)
  if (isListType(type)) return [valueOf(type.ofType, field, arg, victim, depth)]
  if (isEnumType(type)) return type.getValues()[0].value
  if (isInputObjectType(type)) {
    if (depth > 4) throw new Uncovered(`${field}: input ${type.name} nests too deep`)
    const fields = Object.values(type.getFields()).filter(input => (isNonNullType(input.type) && input.defaultValue === undefined) || DOMAIN_ARG.test(input.name))
    return Object.fromEntries(fields.map(input => [input.name, valueOf(input.type, field, input.name, victim, depth + 1)]))
  }
  if (isScalarType(type)) {
    if (DOMAIN_ARG.test(arg)) return victim.domain
    if (ID_ARG.test(arg)) return idFor(field, arg, victim)
    switch (type.name) {
      case 'String': case 'ID': return 'x'
      case 'Int': return 1
      case 'Float': return 1
      case 'Boolean': return false
      case 'DateTime': return '2026-01-01T00:00:00Z'
      case 'Date': return '2026-01-01'
    }
  }
  throw new Uncovered(`${field}(${arg}): no value for ${String(type)}`)
}

// The document asking one field, its required arguments and those naming the victim as variables.
function documentFor (operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, victim: Victim) {
  const args = field.args.filter(arg => (isNonNullType(arg.type) && arg.defaultValue === undefined) || DOMAIN_ARG.test(arg.name) || ID_ARG.test(arg.name))
  const variables = Object.fromEntries(args.map(arg => [arg.name, valueOf(arg.type, field.name, arg.name, victim)]))
  const declared = args.map(arg => `$${arg.name}: ${String(arg.type)}`).join(', ')
  const passed = args.map(arg => `${arg.name}: $${arg.name}`).join(', ')
  const named = getNamedType(field.type)
  const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : ''
  return {
    query: `${operation}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables,
    namesVictim: !PUBLIC.has(field.name) && args.some(arg => DOMAIN_ARG.test(arg.name) || ID_ARG.test(arg.name))
  }
}

const emptyAnswer = (value: unknown): boolean => value === null || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.values(value).every(item => item === null || (Array.isArray(item) && item.length === 0) || typeof item === 'string'))

async function inBatches<T> (items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run))
}

t.test('no GraphQL field reaches another tenant\'s, another customer\'s or a wider scope\'s objects', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '1000000' } })
  const { probes } = await isolationMatrix(ctx)
  const schema = ctx.app.graphql.schema
  const fields = (['query', 'mutation'] as const).flatMap(operation => {
    const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType()
    return Object.values(root?.getFields() ?? {}).map(field => ({ operation, field }))
  })
  t.ok(fields.length > 100, `${fields.length} fields`)

  for (const probe of probes) {
    const failures: string[] = []
    const sent = fields.filter(({ operation, field }) => !probe.writesOnly || (operation === 'mutation' && !PUBLIC.has(field.name) && field.name !== 'createToken'))
    const since = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
    await inBatches(sent, 6, async ({ operation, field }) => {
      let document
      try {
        document = documentFor(operation, field, probe.victim)
      } catch (err) {
        if (!(err instanceof Uncovered)) throw err
        failures.push(`uncovered: ${err.message}`)
        return
      }
      const response = await ctx.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${probe.apiKey}` }, payload: { query: document.query, variables: document.variables } })
      const body = response.json()
      const codes = (body.errors ?? []).map((error: { extensions?: { code?: string } }) => error.extensions?.code)
      const value = body.data?.[field.name]
      const label = `${field.name} -> ${codes.join(',') || JSON.stringify(value)?.slice(0, 80)}`
      if (response.statusCode >= 500 || codes.some((code: string | undefined) => code === undefined || code === 'INTERNAL')) failures.push(`${label}: ${response.body.slice(0, 200)}`)
      else if (probe.writesOnly && !codes.some((code: string) => code === 'FORBIDDEN' || code === 'BAD_USER_INPUT')) failures.push(`${label}: a read-only key changed something`)
      else if (document.namesVictim && codes.length === 0 && !emptyAnswer(value)) failures.push(`${label}: reached the victim's object`)
      else if (codes.length > 0 && !codes.every((code: string) => REFUSALS.has(code) || code.startsWith('CREDENTIAL') || code === 'OVH_ERROR' || code === 'CONFLICT')) failures.push(`${label}: unexpected refusal`)
      else if (probe.victim.secrets.some(name => JSON.stringify(body.data ?? null).includes(name))) failures.push(`${label}: the answer names the victim's domains`)
    })
    const calls = ctx.sandbox.admin.calls({ since }).filter(probe.forbiddenCall)
    t.same(calls.map(call => `${call.method} ${call.path}`), [], `${probe.name}: no OVH call on what it may not reach`)
    t.same(failures, [], `${probe.name}: ${sent.length} fields`)
  }
})
