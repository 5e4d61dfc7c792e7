// What the OpenAPI document says of inputs is what the gateway checks, before any OVH call: path
// parameters' formats, bodies the document forbids (null), contact fields OVH would refuse (REST
// and GraphQL share the schemas), and methods a path does not have (405 with Allow).
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'

type Json = any

t.test('inputs the document forbids are refused before OVH', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'admin' })
  const doc: Json = (await ctx.app.inject('/openapi.json')).json()
  const calls = () => ctx.sandbox.admin.calls().length
  const param = (path: string, method: string, name: string) => doc.paths[path][method].parameters.find((p: Json) => p.name === name)

  t.test('path parameters carry the formats the gateway checks', async t => {
    const zone = param('/v1/dns/zones/{zone}/records/{id}', 'delete', 'zone').schema
    const id = param('/v1/dns/zones/{zone}/records/{id}', 'delete', 'id').schema
    t.match(zone, { type: 'string', maxLength: 253, pattern: String })
    t.match(id, { type: 'integer', exclusiveMinimum: 0 })
    const pattern = new RegExp(zone.pattern)
    for (const name of ['example.com', 'Shop.Example.CO.UK', 'xn--bcher-kva.de']) t.ok(pattern.test(name), `${name} matches`)
    for (const name of ['0', 'com', '192.0.2.1', '-a.com', 'a..com', 'a.c']) t.notOk(pattern.test(name), `${name} does not`)
    t.match(param('/v1/extensions/{tld}', 'get', 'tld').schema, { pattern: String })
    t.match(param('/v1/domains/{name}/glueRecords/{host}', 'get', 'host').schema, { pattern: zone.pattern })

    const before = calls()
    const answer = await rest(ctx, user.apiKey, 'DELETE', '/v1/dns/zones/0/records/0')
    t.match(answer, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'params.zone' }, { field: 'params.id' }] } })
    t.equal(calls(), before, 'no OVH call')
    // A name in Unicode is converted, as the description says.
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/domains/${encodeURIComponent('bücher.de')}`), { statusCode: 404, body: { code: 'NOT_FOUND', detail: /xn--bcher-kva\.de/ } })
  })

  t.test('an optional body may be left out or empty, never null', async t => {
    t.equal(doc.paths['/v1/carts'].post.requestBody.required, false)
    t.equal(doc.paths['/v1/orders/{orderId}/pay'].post.requestBody.required, false)
    t.equal(doc.paths['/v1/carts/{cartId}/domains'].post.requestBody.required, true)
    const before = calls()
    const nullBody = await ctx.app.inject({ method: 'POST', url: '/v1/carts', headers: { authorization: `Bearer ${user.apiKey}`, 'content-type': 'application/json' }, payload: 'null' })
    t.equal(nullBody.statusCode, 400)
    t.match(nullBody.json(), { code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] })
    t.equal(calls(), before, 'no cart made')
    const rules = await ctx.app.inject({ method: 'POST', url: '/v1/rules/check?domain=example.com&action=create', headers: { authorization: `Bearer ${user.apiKey}`, 'content-type': 'application/json' }, payload: 'null' })
    t.match(rules.json(), { code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] }, 'on any route that takes a body')
    t.equal((await ctx.app.inject({ method: 'POST', url: '/v1/carts', headers: { authorization: `Bearer ${user.apiKey}` } })).statusCode, 201, 'no body')
    t.equal((await rest(ctx, user.apiKey, 'POST', '/v1/carts', {})).statusCode, 201, '{}')
  })

  t.test('a method the path does not have is 405 with Allow', async t => {
    for (const [method, url, allow] of [['QUERY', '/v1/carts/0', 'DELETE, GET, HEAD'], ['PATCH', '/v1/me', 'GET, HEAD'], ['DELETE', '/v1/domains', 'GET, HEAD'], ['PUT', '/health/live', 'GET, HEAD']]) {
      const answer = await ctx.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${user.apiKey}` } })
      t.equal(answer.statusCode, 405, `${method} ${url}`)
      t.equal(answer.headers.allow, allow)
      t.match(answer.headers['content-type'], /^application\/problem\+json/)
      t.match(answer.json(), { code: 'METHOD_NOT_ALLOWED', status: 405, allow: allow.split(', '), requestId: answer.headers['x-request-id'] })
    }
    t.equal((await ctx.app.inject({ method: 'HEAD', url: '/health/live' })).statusCode, 200, 'HEAD follows GET')
    const nowhere = await ctx.app.inject({ method: 'QUERY' as 'GET', url: '/v1/nothing/here' })
    t.match({ status: nowhere.statusCode, body: nowhere.json() }, { status: 404, body: { code: 'NOT_FOUND' } }, 'a path no route has is 404 whatever the method')
  })

  t.test('contact fields OVH would refuse are refused first, in REST and GraphQL', async t => {
    const [owner] = (await rest(ctx, user.apiKey, 'GET', '/v1/contacts/owners')).body
    const body = doc.paths['/v1/contacts/owners/{id}'].put.requestBody.content['application/json'].schema.properties
    t.match(body.birthDay.anyOf[0], { format: 'date' })
    t.ok(body.birthCountry.anyOf[0].enum.includes('FR') && !body.birthCountry.anyOf[0].enum.includes('QW'), 'countries from OVH\'s enum')
    const before = calls()
    for (const [field, value] of [['birthDay', '5500-75-31'], ['birthDay', '2023-02-29'], ['birthCountry', 'QW'], ['nationality', 'fr'], ['phone', '0612345678'], ['email', 'not-an-email']]) {
      const answer = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/owners/${owner.id}`, { [field]: value })
      t.match(answer, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: `body.${field}` }] } }, `REST ${field} ${value}`)
    }
    t.match(await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/owners/${owner.id}`, { address: { country: 'XZ' } }), { body: { fields: [{ field: 'body.address.country' }] } })
    t.match(await rest(ctx, user.apiKey, 'POST', '/v1/contacts/account', {
      email: 'a@b.example', firstName: 'A', lastName: 'B', language: 'fr_FR', legalForm: 'individual', birthDay: '1990-13-01', address: { line1: 'x', city: 'y', country: 'ZZ' }
    }), { statusCode: 400, body: { fields: [{ field: 'body.address.country' }, { field: 'body.birthDay' }] } })
    const update = 'mutation ($id: ID!, $input: ContactInput!) { updateOwnerContact(id: $id, input: $input) { id } }'
    t.match((await graphql(ctx, user.apiKey, update, { id: String(owner.id), input: { birthCountry: 'QW' } })).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.birthCountry' }] } }], 'GraphQL: the same schema')
    t.match((await graphql(ctx, user.apiKey, update, { id: String(owner.id), input: { birthDay: '5500-75-31' } })).body.errors,
      [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }], 'GraphQL: its Date scalar')
    t.equal(calls(), before, 'no OVH call')
  })
})
