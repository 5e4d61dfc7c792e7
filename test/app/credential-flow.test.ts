// OVH's delegation flow end to end: the gateway asks for a consumer key, the user approves it on
// the (sandbox) OVH page, OVH redirects the browser to the gateway's callback, and the key works.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { checkCredential, requestCredential, showCredential } from '../../src/admin/credentials.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

async function submitValidationPage (validationUrl: string, action: 'approve' | 'refuse'): Promise<Response> {
  const page = await fetch(validationUrl)
  const html = await page.text()
  const token = /name="credentialToken" value="([^"]+)"/.exec(html)![1]
  const formAction = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1], validationUrl)
  return fetch(formAction, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ credentialToken: token, account: 'demo-ovh', validity: '86400', action }).toString()
  })
}

t.test('request, approve on OVH\'s page, come back to the callback, use the key', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { credential: 'none' })
  const requested = await requestCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email })
  t.equal(requested.state, 'pendingValidation')
  t.match(requested.validationUrl, `${ctx.baseUrl}/sandbox/auth/?credentialToken=`)

  const approved = await submitValidationPage(requested.validationUrl!, 'approve')
  t.equal(approved.status, 303)
  const callback = approved.headers.get('location')!
  t.equal(callback, `${ctx.baseUrl}/v1/credentials/${requested.id}/callback`, 'OVH sends the browser back to the gateway')

  const landing = await fetch(callback)
  t.equal(landing.status, 200)
  t.match(await landing.text(), /validated/)
  const me = await graphql(ctx, user.apiKey, '{ me { credential { state expiresAt validationUrl } } }')
  t.equal(me.body.data.me.credential.state, 'validated')
  t.equal(me.body.data.me.credential.validationUrl, null)
  const expires = new Date(me.body.data.me.credential.expiresAt).getTime()
  t.ok(Math.abs(expires - (Date.now() + 86_400_000)) < 120_000, 'the validity chosen on the page is recorded')
  t.equal((await graphql(ctx, user.apiKey, '{ domains(first: 1) { totalCount } }')).statusCode, 200, 'and the key works')

  // The consumer key asked for least privilege, by role.
  const rules = ctx.sandbox.state.credentials[ctx.admin.stores.credentials.consumerKey((await ctx.db.ovhCredential.findUnique({ where: { id: requested.id } }))!)].rules
  t.ok(rules.some(rule => rule.method === 'GET' && rule.path === '/domain'))
  t.notOk(rules.some(rule => rule.path === '/*'), 'not the whole account')
})

t.test('a refused request leaves the user without a usable key', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { credential: 'none' })
  const requested = await requestCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email })
  const refused = await submitValidationPage(requested.validationUrl!, 'refuse')
  t.equal(refused.status, 303)
  await fetch(refused.headers.get('location')!)
  // OVH answers a refused key like a pending one: it stays unusable, and says so.
  const domains = await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
  t.match(domains.body.errors, [{ extensions: { code: /CREDENTIAL_(PENDING|EXPIRED)/ } }])
  t.equal((await fetch(`${ctx.baseUrl}/v1/credentials/00000000-0000-4000-8000-000000000000/callback`)).status, 404)
  t.equal((await fetch(`${ctx.baseUrl}/v1/credentials/not-a-uuid/callback`)).status, 400)
})

t.test('a new key replaces the previous one once validated', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const requested = await requestCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email })
  // Until the new key is validated, the old one keeps working.
  t.equal((await graphql(ctx, user.apiKey, '{ me { credential { id state } } }')).body.data.me.credential.id, user.credential!.id)
  const approved = await submitValidationPage(requested.validationUrl!, 'approve')
  await fetch(approved.headers.get('location')!)
  t.same((await graphql(ctx, user.apiKey, '{ me { credential { id state } } }')).body.data.me.credential, { id: requested.id, state: 'validated' })
  t.equal((await ctx.db.ovhCredential.findUnique({ where: { id: user.credential!.id } }))!.state, 'revoked')
  // And OVH no longer accepts the old key either (POST /auth/logout, signed with it).
  t.equal(ctx.sandbox.state.credentials[user.consumerKey!].status, 'expired', 'the replaced key is logged out at OVH')
  t.equal(ctx.sandbox.state.credentials[ctx.admin.stores.credentials.consumerKey((await ctx.db.ovhCredential.findUnique({ where: { id: requested.id } }))!)].status, 'validated')
  t.ok(ctx.sandbox.admin.calls().some(call => call.method === 'POST' && call.path === '/auth/logout'))
})

t.test('a replaced key OVH will not log out does not fail the new key\'s validation', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  ctx.sandbox.admin.addFault({ method: 'POST', path: '/auth/logout', status: 500, times: 5 })
  const requested = await requestCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email })
  await ctx.sandbox.admin.validateCredential({ consumerKey: ctx.admin.stores.credentials.consumerKey((await ctx.db.ovhCredential.findUnique({ where: { id: requested.id } }))!) })
  const shown = await showCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email })
  t.equal(shown.id, user.credential!.id, 'still the old key until checked')
  const checked = await checkCredential(ctx.admin, (await ctx.db.ovhCredential.findUnique({ where: { id: requested.id } }))!, user.tenant)
  t.equal(checked.state, 'validated')
  t.equal((await ctx.db.ovhCredential.findUnique({ where: { id: user.credential!.id } }))!.state, 'revoked')
  t.equal(ctx.sandbox.state.credentials[user.consumerKey!].status, 'validated', 'OVH refused the logout: the old key stays valid there')
})

t.test('credential:show shows a renewal waiting for approval, and --check completes it without the callback', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const requested = await requestCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email })
  const shown = await showCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email })
  t.match(shown, { id: user.credential!.id, state: 'validated', renewal: { id: requested.id, state: 'pendingValidation', validationUrl: /credentialToken=/ } })
  // The user approves at OVH, but OVH's redirection never reaches the gateway.
  await ctx.sandbox.admin.validateCredential({ consumerKey: ctx.admin.stores.credentials.consumerKey((await ctx.db.ovhCredential.findUnique({ where: { id: requested.id } }))!) })
  const checked = await showCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email, check: true })
  t.match(checked, { id: requested.id, state: 'validated', renewal: null }, 'the approved renewal is now the key')
  t.equal((await ctx.db.ovhCredential.findUnique({ where: { id: user.credential!.id } }))!.state, 'revoked', 'and it replaced the old one')
  t.match(await showCredential(ctx.admin, { tenant: user.tenant.slug, email: user.user.email, check: true }), { id: requested.id, state: 'validated', renewal: null })
})
