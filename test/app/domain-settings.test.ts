// Domain filters for billing (expiring before a date, order by expiry), renewal settings through
// serviceInfos, and options, in GraphQL and REST.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

t.test('domain settings', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const stored = () => Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains)
  const callsSince = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)

  t.test('expiring before a date, ordered by expiry, paginated, from the list and batch reads', async t => {
    const limit = new Date(Date.now() + 30 * 86_400_000)
    const expected = stored().filter(d => d.expiration < limit.getTime()).sort((a, b) => a.expiration - b.expiration).map(d => d.domain)
    t.ok(expected.length >= 4, 'several domains expire within 30 days')
    const since = lastCallId(ctx.sandbox)
    const seen: string[] = []
    let after: string | null = null
    for (let page = 0; page < 10; page++) {
      const answer: any = await q('query ($before: DateTime, $after: String) { domains(first: 2, after: $after, filter: { expiringBefore: $before }, orderBy: { field: expirationDate }) { totalCount edges { node { name expirationDate } } pageInfo { hasNextPage endCursor } } }',
        { before: limit.toISOString(), after })
      const { edges, totalCount, pageInfo } = answer.body.data.domains
      t.equal(totalCount, expected.length)
      seen.push(...edges.map((e: any) => e.node.name))
      if (!pageInfo.hasNextPage) break
      after = pageInfo.endCursor
    }
    t.same(seen, expected, 'soonest first, every page')
    t.ok(callsSince(since).every(call => call === 'GET /domain' || call === 'GET /domain/{serviceName}'), 'only the list and batch reads')
    t.ok(ctx.sandbox.admin.calls({ since }).filter(c => c.route === '/domain/{serviceName}').every(c => c.batchSize > 1))

    const latest = await rest(ctx, user.apiKey, 'GET', '/v1/domains?orderBy=expirationDate&direction=DESC&first=1')
    t.equal(latest.body.items[0].domain, stored().sort((a, b) => b.expiration - a.expiration)[0].domain)
    const day = limit.toISOString().slice(0, 10)
    const byDate = await rest(ctx, user.apiKey, 'GET', `/v1/domains?expiringBefore=${day}&state=ok`)
    t.same(byDate.body.items.map((d: any) => d.domain), stored().filter(d => d.expiration < Date.parse(day) && d.state === 'ok').map(d => d.domain).sort())
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/domains?expiringBefore=soon')).body, { code: 'BAD_USER_INPUT', fields: [{ field: /expiringBefore/ }] })
    const byNameDesc = await q('{ domains(first: 3, orderBy: { field: name, direction: DESC }) { edges { node { name } } } }')
    t.same(byNameDesc.body.data.domains.edges.map((e: any) => e.node.name), stored().map(d => d.domain).sort().reverse().slice(0, 3))
  })

  t.test('renewal settings', async t => {
    const manual = await q('mutation { updateDomainRenewal(domain: "demo-shop.com", input: { automatic: false }) { renewalType renew { automatic deleteAtExpiration period } } }')
    t.same(manual.body.data.updateDomainRenewal, { renewalType: 'manual', renew: { automatic: false, deleteAtExpiration: false, period: 12 } })
    t.equal((await q('{ domain(name: "demo-shop.com") { renewalState } }')).body.data.domain.renewalState, 'manual_renew')
    const restAnswer = await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-shop.com/serviceInfos', { renew: { automatic: true, period: 24 } })
    t.match(restAnswer, { statusCode: 200, body: { renewalType: 'automaticV2016', renew: { automatic: true, period: 24 } } })
    t.match((await q('mutation { updateDomainRenewal(domain: "demo-shop.com", input: { deleteAtExpiration: true }) { renew { deleteAtExpiration } } }')).body.data,
      { updateDomainRenewal: { renew: { deleteAtExpiration: true } } })
    t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com')).body.renewalState, 'cancellation_requested')
    const nullKeeps = await q('mutation { updateDomainRenewal(domain: "demo-shop.com", input: { automatic: null, period: 12 }) { renew { automatic period } } }')
    t.same(nullKeeps.body.data.updateDomainRenewal.renew, { automatic: true, period: 12 }, 'null is "not given": automatic keeps its value')

    const beforeNulls = lastCallId(ctx.sandbox)
    for (const input of ['{ automatic: null }', '{ deleteAtExpiration: null }', '{ automatic: null, deleteAtExpiration: null, period: null }']) {
      t.match((await q(`mutation { updateDomainRenewal(domain: "demo-shop.com", input: ${input}) { renewalType } }`)).body.errors,
        [{ message: 'nothing to change', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input', message: /at least one of/ }] } }], `${input} changes nothing`)
    }
    t.same(callsSince(beforeNulls), [], 'only nulls: not even a read at OVH')

    const since = lastCallId(ctx.sandbox)
    t.match((await q('mutation { updateDomainRenewal(domain: "demo-leaving.org", input: { deleteAtExpiration: true }) { renewalType } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.deleteAtExpiration', message: /canDeleteAtExpiration/ }] } }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-shop.com/serviceInfos', { renew: { period: 13 } })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.renew.period', message: /12, 24/ }] })
    t.match((await q('mutation { updateDomainRenewal(domain: "demo-shop.com", input: {}) { renewalType } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input' }] } }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-shop.com/serviceInfos', { renew: { automatic: 'yes' } })).body, { code: 'BAD_USER_INPUT' })
    t.notOk(callsSince(since).some(call => call.startsWith('PUT')), 'OVH was never asked to change anything')
    t.match((await q('mutation { updateDomainRenewal(domain: "not-mine.com", input: { automatic: true }) { renewalType } }')).body.errors, [{ extensions: { code: 'NOT_FOUND' } }])
    const viewer = await seedUser(ctx, { role: 'viewer' })
    t.match((await graphql(ctx, viewer.apiKey, 'mutation { updateDomainRenewal(domain: "demo-shop.com", input: { automatic: true }) { renewalType } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  })

  t.test('options', async t => {
    const answer = await q('{ a: domain(name: "demo-archive.com") { options { option state expirationDate } serviceOptions { zone hosting offer } } b: domain(name: "demo-kiez.berlin") { options { option } serviceOptions { zone } } }')
    t.match(answer.body.data, { a: { options: [{ option: 'dnsAnycast', state: 'subscribed' }], serviceOptions: { zone: 'demo-archive.com', hosting: null, offer: null } }, b: { options: [], serviceOptions: { zone: null } } })
    t.same((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-app.io/option')).body.map((o: any) => o.option), ['dnsAnycast'])
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com/option/dnsAnycast')), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.same((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com/options')).body, { hosting: null, offer: null, zone: { serviceName: 'demo-shop.com' } })
    t.match((await q('mutation { releaseDomainOption(domain: "demo-archive.com", option: dnsAnycast) { option state } }')).body.data, { releaseDomainOption: { option: 'dnsAnycast', state: 'released' } })
    t.match((await rest(ctx, user.apiKey, 'DELETE', '/v1/domains/demo-archive.com/option/dnsAnycast')), { statusCode: 422, body: { code: 'OVH_ERROR', ovh: { message: /already released/ } } })
    t.match((await rest(ctx, user.apiKey, 'DELETE', '/v1/domains/demo-archive.com/option/other')).body, { code: 'BAD_USER_INPUT' })
  })
})
