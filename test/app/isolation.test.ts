// Two tenants on two OVH accounts: nothing of one is reachable with the other's key, whatever
// names or ids it sends, and every upstream call is signed with the caller's own consumer key.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { revokeApiKey } from '../../src/admin/api-keys.js'

t.test('tenants are isolated from each other', async t => {
  const ctx = await build(t)
  const other = ctx.sandbox.admin.createAccount({ seed: 'demo' })
  const alice = await seedUser(ctx, { slug: 'alpha' })
  const bob = await seedUser(ctx, { slug: 'bravo', account: other.nic })
  const credentialId = (consumerKey: string) => ctx.sandbox.state.credentials[consumerKey]?.credentialId

  const names = async (apiKey: string) => {
    const answer = await graphql(ctx, apiKey, '{ domains(first: 100) { edges { node { name } } } }')
    return answer.body.data.domains.edges.map((edge: { node: { name: string } }) => edge.node.name)
  }
  const aliceDomains = await names(alice.apiKey)
  const bobDomains = await names(bob.apiKey)
  t.ok(aliceDomains.length > 0 && bobDomains.length > 0)
  t.same(aliceDomains.filter((name: string) => bobDomains.includes(name)), [], 'the two accounts share no domain')
  t.same(bobDomains.sort(), [...other.domains].sort(), 'bob sees exactly his account')

  // Bob names Alice's domain in every way the API offers.
  const target = aliceDomains[0]
  const since = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
  t.equal((await graphql(ctx, bob.apiKey, `{ domain(name: "${target}") { name } }`)).body.data.domain, null)
  t.equal((await rest(ctx, bob.apiKey, 'GET', `/v1/domains/${target}`)).statusCode, 404)
  t.equal((await rest(ctx, bob.apiKey, 'GET', `/v1/domains/${target}?include=serviceInfos`)).statusCode, 404)
  t.same((await graphql(ctx, bob.apiKey, `{ domains(filter: { nameContains: "${target}" }) { totalCount } }`)).body.data.domains, { totalCount: 0 })
  const bobCalls = ctx.sandbox.admin.calls({ since })
  t.ok(bobCalls.length > 0)
  t.ok(bobCalls.every(call => call.credentialId === credentialId(bob.consumerKey!) && call.account === other.nic), 'all signed with bob\'s key, on his account')

  // And Alice's calls use Alice's key only.
  const mark = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
  t.equal((await graphql(ctx, alice.apiKey, `{ domain(name: "${target}") { name } }`)).body.data.domain.name, target)
  const aliceCalls = ctx.sandbox.admin.calls({ since: mark })
  t.ok(aliceCalls.length > 0 && aliceCalls.every(call => call.credentialId === credentialId(alice.consumerKey!)))

  // Who am I is always one's own tenant.
  t.equal((await graphql(ctx, bob.apiKey, '{ me { tenant { slug } } }')).body.data.me.tenant.slug, 'bravo')

  // Admin operations are scoped by tenant: Alice's tenant cannot revoke Bob's key.
  const bobPrefix = bob.apiKey.split('_').slice(0, 2).join('_')
  await t.rejects(revokeApiKey(ctx.admin, { tenant: 'alpha', key: bobPrefix }), { code: 'NOT_FOUND' })
  t.equal((await graphql(ctx, bob.apiKey, '{ me { role } }')).statusCode, 200, 'bob\'s key still works')
})

t.test('two users of one tenant each sign with their own consumer key', async t => {
  const ctx = await build(t)
  const first = await seedUser(ctx, { slug: 'shared' })
  const second = await seedUser(ctx, { slug: 'shared', role: 'operator' })
  t.equal(first.tenant.id, second.tenant.id)
  for (const user of [first, second]) {
    const since = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
    t.equal((await graphql(ctx, user.apiKey, '{ domains(first: 3) { totalCount } }')).statusCode, 200)
    const calls = ctx.sandbox.admin.calls({ since })
    const expected = ctx.sandbox.state.credentials[user.consumerKey!].credentialId
    t.ok(calls.length > 0 && calls.every(call => call.credentialId === expected), `${user.user.email} signs with its own key`)
  }
})
