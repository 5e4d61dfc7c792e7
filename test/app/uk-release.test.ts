// The .uk release through GraphQL and REST: the registrars and their tags, the release to a tag (a
// DomainOutgoingTransfer task, then the domain leaves the account), and the refusals before any
// OVH call: another TLD, a tag OVH does not list, a viewer; another account's domain is not found.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const shared = await build(t)
const UK = 'demo-tea.co.uk'

t.test('.uk release', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string) => graphql(ctx, user.apiKey, query)
  const calls = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)
  const domainState = () => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains[UK]

  t.test('registrars and their tags', async t => {
    const answer = await q(`{ ukRegistrars(domain: "${UK}") { name tag } }`)
    const registrars = answer.body.data.ukRegistrars
    t.ok(registrars.length > 1)
    t.same(registrars.map((r: any) => r.name), [...registrars.map((r: any) => r.name)].sort((a: string, b: string) => a.localeCompare(b)), 'sorted by name')
    t.ok(registrars.some((r: any) => r.tag === 'GANDI'))
    const viaRest = await rest(ctx, viewer.apiKey, 'GET', `/v1/domains/${UK}/uk-registrars`)
    t.match(viaRest, { statusCode: 200, body: { domain: UK, registrars } }, 'a viewer reads them too')
  })

  t.test('other domains and unknown tags are refused before OVH is asked', async t => {
    const since = lastCallId(ctx.sandbox)
    t.match((await q('{ ukRegistrars(domain: "demo-shop.com") { tag } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'domain' }] } }])
    t.match(await rest(ctx, user.apiKey, 'POST', '/v1/domains/demo-shop.com/uk-release', { tag: 'GANDI' }), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'domain' }] } })
    t.match(await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-boulangerie.fr/uk-registrars'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    t.match((await q(`mutation { releaseUkDomain(domain: "${UK}", tag: "not a tag!") { id } }`)).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'tag' }] } }])
    t.same(calls(since), [], 'no OVH call at all')

    const unknown = await rest(ctx, user.apiKey, 'POST', `/v1/domains/${UK}/uk-release`, { tag: 'NOBODY' })
    t.match(unknown, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'body.tag', message: /ukRegistrars/ }] } })
    t.same(calls(since), ['GET /domain/{serviceName}/ukRegistrars'], 'only the list was read: nothing was released')
    t.equal(domainState().state, 'ok')

    t.match((await graphql(ctx, viewer.apiKey, `mutation { releaseUkDomain(domain: "${UK}", tag: "GANDI") { id } }`)).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    const other = ctx.sandbox.admin.createAccount({ seed: 'empty' })
    const stranger = await seedUser(ctx, { role: 'operator', account: other.nic })
    t.match(await rest(ctx, stranger.apiKey, 'GET', `/v1/domains/${UK}/uk-registrars`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(await rest(ctx, stranger.apiKey, 'POST', `/v1/domains/${UK}/uk-release`, { tag: 'GANDI' }), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.equal(domainState().state, 'ok', 'still ours')
  })

  t.test('release to a tag: a DomainOutgoingTransfer task, then the domain is gone', async t => {
    const since = lastCallId(ctx.sandbox)
    const released = await q(`mutation { releaseUkDomain(domain: "${UK}", tag: "gandi") { id function domain status } }`)
    t.match(released.body.data.releaseUkDomain, { function: 'DomainOutgoingTransfer', domain: UK, status: 'todo' })
    t.same(calls(since).filter(call => !call.startsWith('GET')), ['POST /domain/{serviceName}/ukOutgoingTransfer'])
    t.equal(domainState().state, 'outgoing_transfer')
    ctx.sandbox.admin.advanceClock({ seconds: 86_400 })
    t.equal(domainState(), undefined, 'the domain left the account')
    t.same((await q(`{ domain(name: "${UK}") { name } }`)).body.data.domain, null)
  })
})
