// Immediate termination of a domain through the gateway, against the sandbox: the request, the
// token OVH emails (read from the sandbox's admin API, as a person reads the email), its
// confirmation, refusals before OVH, and the domain, in redemption, restorable afterwards.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const TERMINATE = 'mutation ($d: String!) { terminateDomain(domain: $d) { domain serviceId message } }'
const CONFIRM = 'mutation ($d: String!, $t: String!) { confirmDomainTermination(domain: $d, token: $t) { domain message } }'

t.test('terminating a domain now, confirmed with the emailed token', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer', slug: operator.tenant.slug })
  const domain = ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains['demo-shop.com']

  t.match((await graphql(ctx, viewer.apiKey, TERMINATE, { d: 'demo-shop.com' })).body.errors, [{ extensions: { code: 'FORBIDDEN' } }], 'a viewer cannot')
  const asked = await graphql(ctx, operator.apiKey, TERMINATE, { d: 'demo-shop.com' })
  t.match(asked.body.data.terminateDomain, { domain: 'demo-shop.com', serviceId: String(domain.serviceId), message: /email/ })
  t.equal(domain.state, 'ok', 'nothing happens before the confirmation')

  // The sandbox shows the emailed token on its admin API.
  const email = await ctx.app.inject({ method: 'GET', url: `/sandbox/admin/terminations/${domain.serviceId}/token` })
  const token = email.json().token as string
  t.type(token, 'string')

  const wrong = await graphql(ctx, operator.apiKey, CONFIRM, { d: 'demo-shop.com', t: 'not-the-token' })
  t.match(wrong.body.errors, [{ extensions: { ovh: { status: 403 } } }], 'a wrong token is OVH\'s refusal')
  t.notOk(JSON.stringify(wrong.body).includes(token))
  const empty = await rest(ctx, operator.apiKey, 'POST', '/v1/domains/demo-shop.com/terminate/confirm', { token: ' ' })
  t.match(empty, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'token' }] } })

  const confirmed = await rest(ctx, operator.apiKey, 'POST', '/v1/domains/demo-shop.com/terminate/confirm', { token })
  t.match(confirmed, { statusCode: 200, body: { domain: 'demo-shop.com', message: /terminated/ } })
  t.notOk(JSON.stringify(confirmed.body).includes(token), 'the token is not echoed')
  t.equal(domain.state, 'pending_delete', 'deleted at the registry: in redemption')
  const restore = await rest(ctx, operator.apiKey, 'GET', '/v1/domains/demo-shop.com/restore-offer')
  t.match(restore.body, { restorable: true }, 'and can still be restored')
})

t.test('refused before any request where OVH does not terminate', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const since = lastCallId(ctx.sandbox)
  const closing = await rest(ctx, operator.apiKey, 'POST', '/v1/domains/demo-closing.net/terminate')
  t.match(closing, { statusCode: 409, body: { code: 'CONFLICT', reason: 'DOMAIN_NOT_TERMINABLE', state: 'pending_delete' } })
  const leaving = await graphql(ctx, operator.apiKey, TERMINATE, { d: 'demo-leaving.org' })
  t.match(leaving.body.errors, [{ extensions: { code: 'CONFLICT', reason: 'DOMAIN_NOT_TERMINABLE', state: 'outgoing_transfer' } }])
  t.equal((await rest(ctx, operator.apiKey, 'POST', '/v1/domains/not-mine-at-all.com/terminate')).statusCode, 404)
  t.notOk(ctx.sandbox.admin.calls({ since }).some(call => call.method !== 'GET'), 'nothing asked of OVH')
  const notAsked = await rest(ctx, operator.apiKey, 'POST', '/v1/domains/demo-blog.net/terminate/confirm', { token: 'abc' })
  t.match(notAsked, { statusCode: 422, body: { ovh: { status: 400 } } }, 'a confirmation with no request is OVH\'s refusal')
})

t.test('terminating a DNS zone, confirmed with the emailed token', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const asked = await graphql(ctx, operator.apiKey, 'mutation { terminateZone(zone: "demo-blog.net") { zone message } }')
  t.match(asked.body.data.terminateZone, { zone: 'demo-blog.net', message: /email/ })
  const token = (await ctx.app.inject({ method: 'GET', url: '/sandbox/admin/zones/demo-blog.net/termination-token' })).json().token as string
  const wrong = await rest(ctx, operator.apiKey, 'POST', '/v1/dns/zones/demo-blog.net/terminate/confirm', { token: 'nope' })
  t.match(wrong, { body: { ovh: { status: 403 } } })
  const confirmed = await rest(ctx, operator.apiKey, 'POST', '/v1/dns/zones/demo-blog.net/terminate/confirm', { token })
  t.match(confirmed, { statusCode: 200, body: { zone: 'demo-blog.net', message: /terminated/ } })
  t.equal(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones!['demo-blog.net'], undefined, 'the zone is gone')
  const since = lastCallId(ctx.sandbox)
  t.equal((await rest(ctx, operator.apiKey, 'POST', '/v1/dns/zones/no-such-zone.com/terminate')).statusCode, 404)
  t.notOk(ctx.sandbox.admin.calls({ since }).some(call => call.method !== 'GET'), 'a zone not on the account is refused before OVH')
})
