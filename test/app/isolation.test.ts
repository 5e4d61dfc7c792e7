// Two tenants on two OVH accounts: nothing of one is reachable with the other's key, whatever
// names or ids it sends, and every upstream call is signed with the caller's own consumer key.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { revokeApiKey } from '../../src/admin/api-keys.js'
import { fillMirror } from '../support/mirror.js'

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

// The portfolio mirror holds every tenant's accounts in one table: each read names its tenant and
// account, so neither a name nor a filter reaches another's rows, even on the same OVH account.
t.test('mirrored reads, lists, counts and the export never show another tenant\'s domains', async t => {
  const ctx = await build(t, { env: { MIRROR_READS: 'on' } })
  const other = ctx.sandbox.admin.createAccount({ seed: 'demo' })
  const alice = await seedUser(ctx, { slug: 'mirror-alpha' })
  const bob = await seedUser(ctx, { slug: 'mirror-bravo', account: other.nic })
  // Carol's tenant uses Alice's OVH account, and has no mirror of it yet.
  const carol = await seedUser(ctx, { slug: 'mirror-charlie' })
  const { accountId } = await fillMirror(ctx, { tenantId: alice.tenant.id, nic: ctx.sandbox.demo.account, consumerKey: ctx.sandbox.demo.consumerKey })
  await fillMirror(ctx, { tenantId: bob.tenant.id, nic: other.nic, consumerKey: other.consumerKey })
  // A domain only Alice's mirror holds (as if OVH had just dropped it from the account).
  const aliceOnly = await ctx.db.mirrorDomain.findFirstOrThrow({ where: { accountId, name: 'demo-shop.com' } })
  const { service: _service, ...columns } = aliceOnly
  await ctx.db.mirrorDomain.create({ data: { ...columns, name: 'alice-only.com', detail: { ...(aliceOnly.detail as object), domain: 'alice-only.com' } } })

  const names = async (apiKey: string) => (await graphql(ctx, apiKey, '{ domains(first: 100) { source edges { node { name } } } }')).body.data.domains
  const aliceList = await names(alice.apiKey)
  t.equal(aliceList.source, 'MIRROR')
  t.ok(aliceList.edges.some((edge: { node: { name: string } }) => edge.node.name === 'alice-only.com'))
  const bobList = await names(bob.apiKey)
  t.equal(bobList.source, 'MIRROR')
  t.same(bobList.edges.map((edge: { node: { name: string } }) => edge.node.name).sort(), [...other.domains].sort(), 'bob sees exactly his account')

  for (const user of [bob, carol]) {
    const since = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
    t.equal((await graphql(ctx, user.apiKey, '{ domain(name: "alice-only.com") { name } }')).body.data.domain, null)
    t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains/alice-only.com')).statusCode, 404)
    t.same((await graphql(ctx, user.apiKey, '{ domains(filter: { nameContains: "alice-only" }) { totalCount } }')).body.data.domains, { totalCount: 0 })
    t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains/counts?state=ok')).body.byTld.some((c: { tld: string, count: number }) => c.tld === 'com' && c.count > 3), false)
    const csv = await ctx.app.inject({ method: 'GET', url: '/v1/domains/export.csv', headers: { authorization: `Bearer ${user.apiKey}` } })
    t.notOk(csv.body.includes('alice-only.com'), 'not in the export')
    const calls = ctx.sandbox.admin.calls({ since })
    t.ok(calls.every(call => call.credentialId === ctx.sandbox.state.credentials[user.consumerKey!].credentialId), 'what is read live is read with the caller\'s own key')
  }
  // Bob's domain read live by name from Alice's side is OVH's answer for Alice's account: none.
  t.equal((await graphql(ctx, alice.apiKey, `{ domain(name: "${other.domains[0]}") { name } }`)).body.data.domain, null)
  // Carol's live reads are kept, in her own tenant's mirror of the account.
  const carolRows = await ctx.db.mirrorDomain.findMany({ where: { tenantId: carol.tenant.id }, select: { accountId: true, name: true } })
  t.equal(carolRows.length, 13)
  t.ok(carolRows.every(row => row.accountId !== accountId && row.name !== 'alice-only.com'))
})
