// The query cost estimate on the real schema and resolvers: which fields count as OVH calls or
// local reads, how lists multiply what is beneath them, and mirrored fields read cheap unless live.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { buildSchema, parse } from 'graphql'
import { graphqlSchemaPath } from '../../src/paths.js'
import { mergeResolvers, moduleResolvers } from '../../src/plugins/graphql.js'
import { checkCost, queryCost } from '../../src/graphql/cost.js'
import { fieldKinds, unknownLocalFields } from '../../src/graphql/cost-weights.js'

const schema = buildSchema(readFileSync(graphqlSchemaPath, 'utf8'))
const kinds = fieldKinds(mergeResolvers(moduleResolvers))
const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) => queryCost(schema, parse(query), kinds, variables, operationName)

t.test('fields that fetch are read from the resolvers; the local list names only such fields', async t => {
  t.same(unknownLocalFields(kinds), [], 'every field listed as local has a resolver reading the context')
  t.equal(kinds.get('Domain.serviceInfos'), 'ovh')
  t.equal(kinds.get('DnsZone.records'), 'ovh')
  t.equal(kinds.get('Query.me'), 'local')
  t.equal(kinds.get('User.apiKeys'), 'local')
  t.equal(kinds.get('Domain.name'), undefined, 'reshaping the parent costs nothing')
})

t.test('weights: local reads 1, OVH calls 10, plain fields and introspection free', async t => {
  t.equal(cost('{ me { role tenant { slug } } }'), 1)
  t.equal(cost('{ __typename __schema { types { name } } }'), 0)
  t.equal(cost('{ domain(name: "a.com") { name } }'), 1, 'mirrored: a local read')
  t.equal(cost('{ domain(name: "a.com", live: true) { name } }'), 10, 'live: an OVH call')
  t.equal(cost('{ domain(name: "a.com") { serviceInfos { status } } }'), 11)
})

t.test('page sizes multiply what is beneath them, variables and defaults included', async t => {
  t.equal(cost('{ domains(first: 50) { totalCount edges { node { name } } } }'), 50, 'a mirrored page of 50')
  t.equal(cost('{ domains(first: 50, live: true) { edges { node { name } } } }'), 500)
  t.equal(cost('{ domains(first: 20) { edges { node { serviceInfos { status } } } } }'), 20 + 20 * 10)
  t.equal(cost('query ($n: Int) { domains(first: $n) { edges { node { serviceInfos { status } } } } }', { n: 5 }), 5 + 50)
  t.equal(cost('query ($n: Int = 3) { domains(first: $n) { edges { node { serviceInfos { status } } } } }'), 3 + 30, 'the variable\'s default')
  t.equal(cost('{ domains { edges { node { name } } } }'), 50, 'the argument\'s default (50)')
  t.equal(cost('{ domains(first: 100000) { edges { node { name } } } }'), 100, 'counted at most 100: the field refuses more itself')
  // Nested pages multiply: 100 domains, each a zone of 100 records read from OVH.
  t.equal(cost('{ domains(first: 100) { edges { node { dnsZone { records(first: 100) { edges { node { id } } } } } } } }'), 100 + 100 * 10 + 100 * 100 * 10)
})

t.test('a field that reads for a whole page at once costs at most its own call limit', async t => {
  // Domain.tasks groups the page's domains into at most 20 OVH calls (and refuses past that).
  t.equal(cost('{ domains(first: 100) { edges { node { name tasks(first: 5) { edges { node { id status } } } } } } }'), 100 + 20 * 10)
  t.equal(cost('{ domain(name: "a.com") { tasks(first: 2) { edges { node { id } } } } }'), 1 + 2 * 10, 'under the limit: per item')
})

t.test('a list the client cannot size is one fetch, of ten items for what is beneath it', async t => {
  t.equal(cost('{ domainTask(id: "1") { arguments { key } } }'), 1 + 10)
  t.equal(cost('{ domainTasks(filter: { status: [error] }) { edges { node { id arguments { key value } } } } }'), 50 + 50 * 10, 'docs/tasks.md\'s example')
  t.equal(cost('{ domain(name: "a.com") { fullNameServers { host status } } }'), 1 + 10 + 10 * 10, 'each server\'s status read from OVH')
})

t.test('fragments, lists of ids and operations by name', async t => {
  t.equal(cost('{ domains(first: 10) { edges { node { ...F } } } } fragment F on Domain { serviceInfos { status } }'), 10 + 100)
  t.equal(cost('{ domains(first: 10) { edges { node { ... on Domain { serviceInfos { status } } } } } }'), 10 + 100)
  t.equal(cost('{ nodes(ids: ["a", "b", "c"]) { id ... on Domain { serviceInfos { status } } } }'), 30 + 30, 'three nodes, each an OVH read and its serviceInfos')
  const two = 'query A { me { role } } query B { domains(first: 5, live: true) { edges { node { name } } } }'
  t.equal(cost(two, undefined, 'A'), 1)
  t.equal(cost(two, undefined, 'B'), 50)
})

t.test('past the limit: QUERY_TOO_COSTLY with the cost and the limit', async t => {
  t.doesNotThrow(() => checkCost(5000, 5000))
  t.throws(() => checkCost(5001, 5000), { code: 'QUERY_TOO_COSTLY', statusCode: 400, details: { cost: 5001, maxCost: 5000 }, message: /estimated cost \(5001\) exceeds the limit of 5000/ })
})
