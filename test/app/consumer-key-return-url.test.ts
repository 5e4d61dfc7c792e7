// The tenant's return page for consumer-key onboarding (REST /v1/consumer-key-return-url, GraphQL
// consumerKeyReturnUrl / setConsumerKeyReturnUrl): admins only, checked, audited; and what the
// callback does with it when OVH cannot be asked. The browser flow itself runs in
// test/browser/consumer-key-onboarding.test.ts.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'

const shared = await build(t)

t.test('admins set, read and clear the return page; bad URLs are refused', async t => {
  const admin = await seedUser(shared, { credential: 'none' })
  t.same((await rest(shared, admin.apiKey, 'PUT', '/v1/consumer-key-return-url', { url: 'https://console.example/ovh?x=1' })).body, { url: 'https://console.example/ovh?x=1' })
  t.same((await graphql(shared, admin.apiKey, '{ consumerKeyReturnUrl }')).body.data, { consumerKeyReturnUrl: 'https://console.example/ovh?x=1' })
  for (const [url, message] of [
    ['http://console.example/ovh', /https/],
    ['https://console.example/ovh#done', /fragment/],
    ['https://user:secret@console.example/', /user name or password/],
    ['console.example/ovh', /absolute URL/],
    ['javascript:alert(1)', /absolute URL|https/]
  ] as const) {
    const refused = await rest(shared, admin.apiKey, 'PUT', '/v1/consumer-key-return-url', { url })
    t.match(refused.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'url', message }] }, url)
    t.notMatch(JSON.stringify(refused.body), /secret/, 'no password echoed back')
  }
  const gql = await graphql(shared, admin.apiKey, 'mutation { setConsumerKeyReturnUrl(url: "http://localhost:5173/done") }')
  t.same(gql.body.data, { setConsumerKeyReturnUrl: 'http://localhost:5173/done' }, 'plain http for this machine')
  t.same((await graphql(shared, admin.apiKey, 'mutation { setConsumerKeyReturnUrl(url: null) }')).body.data, { setConsumerKeyReturnUrl: null })
  t.same((await rest(shared, admin.apiKey, 'GET', '/v1/consumer-key-return-url')).body, { url: null })
  const entries = await shared.db.auditEntry.findMany({ where: { tenantId: admin.tenant.id, operation: 'credential.returnurl.set' } })
  t.equal(entries.length, 3, 'each change audited')
})

t.test('only admins', async t => {
  const admin = await seedUser(shared, { credential: 'none' })
  const operator = await seedUser(shared, { slug: admin.tenant.slug, role: 'operator', credential: 'none' })
  t.match((await rest(shared, operator.apiKey, 'PUT', '/v1/consumer-key-return-url', { url: 'https://evil.example/' })).body, { code: 'FORBIDDEN' })
  t.match((await graphql(shared, operator.apiKey, '{ consumerKeyReturnUrl }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  t.same((await rest(shared, admin.apiKey, 'GET', '/v1/consumer-key-return-url')).body, { url: null })
})

t.test('OVH unreachable at the callback: the browser still goes back, told the key is unchecked', async t => {
  const ctx = freshSandbox(shared)
  const admin = await seedUser(ctx, { credential: 'pending' })
  await rest(ctx, admin.apiKey, 'PUT', '/v1/consumer-key-return-url', { url: 'https://console.example/ovh-done' })
  ctx.sandbox.admin.addFault({ method: 'GET', path: '/auth/currentCredential', status: 503, times: 20 })
  const answer = await ctx.app.inject({ method: 'GET', url: `/v1/credentials/${admin.credential!.id}/callback` })
  t.equal(answer.statusCode, 303)
  const location = new URL(answer.headers.location as string)
  t.equal(location.origin + location.pathname, 'https://console.example/ovh-done')
  t.match(Object.fromEntries(location.searchParams), { credentialId: admin.credential!.id, userId: admin.user.id, outcome: 'unchecked', error: 'UPSTREAM_UNAVAILABLE' })

  await rest(ctx, admin.apiKey, 'PUT', '/v1/consumer-key-return-url', { url: null })
  const page = await ctx.app.inject({ method: 'GET', url: `/v1/credentials/${admin.credential!.id}/callback` })
  t.equal(page.statusCode, 200)
  t.match(page.body, /could not be asked/)
})
