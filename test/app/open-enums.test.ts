// OVH adds values to its enumerations after a gateway release (a new domain state, a new task
// function). Both APIs pass such a value through, as OVH sent it, instead of failing the answer, and
// log it once; the gateway's own enums and every other shape mismatch stay strict.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import type { Teardown } from '../support/database.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { loggerOptions } from '../../src/logger.js'

const NEW_STATE = 'pending_registry_review'
const NEW_FUNCTION = 'DomainRegistryReview'
const domain = 'demo-shop.com'

async function withNewValues (t: Teardown) {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const logger = pino(loggerOptions('warn', false), sink)
  const ctx = await build(t, { logger })
  const { account } = ctx.sandbox.demo
  // What OVH would send once it ships the new values: the sandbox stands in for OVH.
  ctx.sandbox.state.accounts[account].domains[domain].state = NEW_STATE as never
  const task = Object.values(ctx.sandbox.state.accounts[account].domainTasks).find(each => each.domain === domain)!
  task.function = NEW_FUNCTION
  const user = await seedUser(ctx)
  const warnings = () => lines.map(line => JSON.parse(line)).filter(entry => entry.level === 40 && /does not know/.test(entry.msg))
  return { ctx, user, taskId: task.id, warnings }
}

t.test('GraphQL returns a value OVH added to one of its enums as OVH sent it, in one read and in a page', async t => {
  const { ctx, user, warnings } = await withNewValues(t)
  const one = await graphql(ctx, user.apiKey, `{ domain(name: "${domain}") { name state offer tasks(first: 20) { edges { node { function status } } } } }`)
  t.equal(one.body.errors, undefined, 'no field error')
  t.equal(one.body.data.domain.state, NEW_STATE)
  t.equal(one.body.data.domain.offer, 'gold', 'known values are unchanged')
  t.ok(one.body.data.domain.tasks.edges.some((edge: any) => edge.node.function === NEW_FUNCTION), 'the new task function is listed')

  const page = await graphql(ctx, user.apiKey, '{ domains(first: 50) { totalCount edges { node { name state } } } }')
  t.equal(page.body.errors, undefined)
  const names = page.body.data.domains.edges.map((edge: any) => edge.node.name)
  t.equal(names.length, page.body.data.domains.totalCount, 'the page keeps every domain, the one in the new state included')
  t.match(page.body.data.domains.edges.find((edge: any) => edge.node.name === domain), { node: { state: NEW_STATE } })

  const reported = warnings().filter(entry => entry.where === 'GraphQL enum DomainState')
  t.equal(reported.length, 1, 'the new value is logged once, however often it is sent')
  t.equal(reported[0].value, NEW_STATE)
})

t.test('REST answers carry the new value instead of failing with 500', async t => {
  const { ctx, user, taskId, warnings } = await withNewValues(t)
  const detail = await rest(ctx, user.apiKey, 'GET', `/v1/domains/${domain}?include=serviceInfos`)
  t.equal(detail.statusCode, 200)
  t.equal(detail.body.state, NEW_STATE)
  t.equal(detail.body.serviceInfos.domain, domain, 'the rest of the answer is intact')

  const list = await rest(ctx, user.apiKey, 'GET', '/v1/domains?first=50')
  t.equal(list.statusCode, 200)
  t.match(list.body.items.find((item: any) => item.domain === domain), { state: NEW_STATE })

  const task = await rest(ctx, user.apiKey, 'GET', `/v1/tasks/${taskId}`)
  t.equal(task.statusCode, 200)
  t.equal(task.body.function, NEW_FUNCTION)

  t.ok(warnings().some(entry => entry.value === NEW_STATE && /^REST GET \/v1\/domains\/:name state$/.test(entry.where)), 'logged with the route and field')
})

t.test('any other mismatch with the documented shape still fails, as does a value of the gateway\'s own enums', async t => {
  const ctx: TestApp = await build(t)
  const { account } = ctx.sandbox.demo
  ctx.sandbox.state.accounts[account].domains[domain].dnssecSupported = 'yes' as never
  const user = await seedUser(ctx)
  const detail = await rest(ctx, user.apiKey, 'GET', `/v1/domains/${domain}`)
  t.equal(detail.statusCode, 500, 'a boolean that is not one is not passed through')
  t.equal(detail.body.code, 'INTERNAL')

  // AvailabilityStatus is the gateway's own vocabulary: not opened.
  t.notOk(ctx.app.graphql.schema.getType('AvailabilityStatus')?.astNode?.directives?.length, 'own enums carry no @ovhEnum')
})
