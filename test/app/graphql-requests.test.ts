// A GraphQL request the client got wrong (variables of the wrong type, a query that is not GraphQL
// text, no query, GET variables that are not JSON) is GRAPHQL_VALIDATION_FAILED with 400, never an
// INTERNAL error logged as a failed resolver, and reaches neither a resolver nor OVH.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { loggerOptions } from '../../src/logger.js'

t.test('requests the client got wrong are GRAPHQL_VALIDATION_FAILED, not INTERNAL', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const ctx = await build(t, { logger: pino(loggerOptions('info', false), sink) })
  const user = await seedUser(ctx)
  const since = lastCallId(ctx.sandbox)
  const refused = (answer: { statusCode: number, body: any }, message: RegExp, what: string) => {
    t.equal(answer.statusCode, 400, what)
    t.match(answer.body.errors, [{ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }], what)
  }

  // Three times each: graphql-js checks the variables of the first and third requests, the query
  // compiled by graphql-jit (jit: 1) those of the second.
  for (let i = 0; i < 3; i++) {
    refused(await graphql(ctx, user.apiKey, 'query ($z: String!) { dnsZone(name: $z) { name } }', { z: 12 }), /String cannot represent a non string value/, `a number for String!, request ${i + 1}`)
    refused(await graphql(ctx, user.apiKey, 'query ($n: Int) { domains(first: $n) { totalCount } }', { n: 'abc' }), /Int cannot represent non-integer value/, `a string for Int, request ${i + 1}`)
    refused(await graphql(ctx, user.apiKey, 'query ($f: DomainFilter) { domains(first: 1, filter: $f) { totalCount } }', { f: { expiringBefore: 3 } }), /DateTime/, `a number for a DateTime in an input, request ${i + 1}`)
  }

  const post = async (payload: unknown) => {
    const response = await ctx.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${user.apiKey}` }, payload: payload as object })
    return { statusCode: response.statusCode, body: response.json() }
  }
  for (const query of [5, '5', '{}', 'null', '{"kind":"Document","definitions":[{}]}']) {
    refused(await post({ query }), /must be a GraphQL document, as text/, `query ${JSON.stringify(query)}`)
  }
  refused(await post({ query: { kind: 'Document' } }), /body\/query must be string/, 'an object as query')
  refused(await post({}), /Unknown query/, 'no query')
  const get = await ctx.app.inject({ method: 'GET', url: '/graphql?query={me{role}}&variables=notjson', headers: { authorization: `Bearer ${user.apiKey}` } })
  refused({ statusCode: get.statusCode, body: get.json() }, /not valid JSON/, 'GET variables that are not JSON')

  t.same(ctx.sandbox.admin.calls({ since }), [], 'nothing reached OVH')
  const errors = lines.map(line => JSON.parse(line)).filter(entry => entry.level >= 50)
  t.same(errors.map(entry => entry.msg), [], 'nothing logged as an error')

  const valid = await graphql(ctx, user.apiKey, 'query ($n: Int) { domains(first: $n) { totalCount } }', { n: 1 })
  t.equal(valid.statusCode, 200, 'the same query with a valid variable is answered')
  t.type(valid.body.data.domains.totalCount, 'number')
})
