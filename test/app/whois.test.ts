// Whois display through GraphQL and REST: rules and settings, changes with the schema's wrapped
// bodies, input checked against OVH's enums and the domain's rules before OVH sees it.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const WHOIS = '{ optinRules { type fields } optin { type fields } obfuscationRules obfuscatedEmails { type value status } }'

t.test('Whois display', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)

  t.test('read through the domain or directly, each part one OVH read', async t => {
    const since = lastCallId(ctx.sandbox)
    const answer = await graphql(ctx, user.apiKey, `{ whois(domain: "DEMO-SHOP.COM") ${WHOIS} }`)
    t.equal(answer.statusCode, 200)
    const whois = answer.body.data.whois
    t.same(whois.optinRules.map((rule: any) => rule.type), ['owner', 'admin', 'tech'])
    t.same(whois.optin, [])
    t.same(whois.obfuscationRules, ['admin', 'owner', 'tech'])
    t.match(whois.obfuscatedEmails, [{ type: 'admin', status: 'done', value: /@demo-shop\.com\.o-w-o\.info$/ }, { type: 'owner' }, { type: 'tech' }])
    t.same(ctx.sandbox.admin.calls({ since }).map(call => call.route).sort(), [
      '/domain/{serviceName}/configurations/obfuscatedEmails', '/domain/{serviceName}/configurations/optin',
      '/domain/{serviceName}/rules/emailsObfuscation', '/domain/{serviceName}/rules/optin'
    ])
    const viaDomain = await graphql(ctx, user.apiKey, '{ domain(name: "demo-kiez.berlin") { whois { obfuscationRules optinRules { type } } } }')
    t.same(viaDomain.body.data.domain.whois, { obfuscationRules: [], optinRules: [{ type: 'owner' }, { type: 'admin' }, { type: 'tech' }] })
    const restWhois = await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-boulangerie.fr/whois')
    t.match(restWhois.body, { domain: 'demo-boulangerie.fr', optinRules: [{ type: 'owner' }], obfuscationRules: [] })
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/domains/not-mine.com/whois')).body, { code: 'NOT_FOUND' })
  })

  t.test('disclosure changes are checked against the rules, then sent wrapped', async t => {
    const all = 'address, city, country, email, fax, name, organisation, phone, province, zip'
    const set = await graphql(ctx, user.apiKey, `mutation { setWhoisOptin(domain: "demo-shop.com", optin: [{ type: owner, fields: [${all}] }, { type: tech, fields: [] }]) { type fields } }`)
    t.same(set.body.data.setWhoisOptin, [{ type: 'owner', fields: all.split(', ') }, { type: 'tech', fields: [] }], 'the owner discloses all of its fields')
    t.same((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com/whois')).body.optin.map((item: any) => item.type), ['owner', 'tech'])

    const since = lastCallId(ctx.sandbox)
    const refused = await graphql(ctx, user.apiKey, 'mutation { setWhoisOptin(domain: "demo-boulangerie.fr", optin: [{ type: admin, fields: [] }, { type: owner, fields: [] }, { type: owner, fields: [] }]) { type } }')
    t.match(refused.body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
    t.same(refused.body.errors?.[0].extensions.fields.map((f: any) => f.field).sort(), ['optin.0.type', 'optin.2.type'])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-shop.com/whois/optin', { optin: [{ type: 'admin', fields: ['email'] }] })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'optin.0.fields', message: /email cannot be disclosed for admin/ }] })
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-shop.com/whois/optin', { optin: [{ type: 'owner', fields: ['shoeSize'] }] })).body, { code: 'BAD_USER_INPUT' }, 'fields are OVH\'s enum')
    t.match((await graphql(ctx, user.apiKey, 'mutation { setWhoisOptin(domain: "demo-shop.com", optin: [{ type: owner, fields: [shoeSize] }]) { type } }')).body.errors, [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])
    // OVH discloses all of the owner's fields or none (OVH-API.md 8.1): some of them would be all.
    const partial = await graphql(ctx, user.apiKey, 'mutation { setWhoisOptin(domain: "demo-shop.com", optin: [{ type: tech, fields: [] }, { type: owner, fields: [email, city] }]) { type fields } }')
    t.match(partial.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'optin.1.fields', message: /OVH discloses all of owner's fields or none: list all of them \(address, .*zip\).*or leave owner out/ }] } }])
    t.equal(partial.body.errors?.[0].extensions.fields.length, 1)
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-boulangerie.fr/whois/optin', { optin: [{ type: 'owner', fields: ['name'] }] })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'optin.0.fields', message: /all of owner's fields or none/ }] })
    t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET'), [], 'OVH was asked nothing')
    const put = ctx.sandbox.admin.calls().filter(call => call.method === 'PUT' && call.route === '/domain/{serviceName}/configurations/optin')
    t.equal(put.length, 1, 'only the valid change was sent')
  })

  t.test('obfuscation: change, wait, refresh', async t => {
    const set = await graphql(ctx, user.apiKey, 'mutation { setObfuscatedEmails(domain: "demo-app.io", contacts: [owner]) { type value status } }')
    t.match(set.body.data.setObfuscatedEmails, [{ type: 'owner', status: 'done' }])
    const owner = set.body.data.setObfuscatedEmails[0].value
    const restSet = await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-app.io/whois/obfuscated-emails', { contacts: ['owner', 'admin'] })
    t.match(restSet.body, [{ type: 'owner', value: owner }, { type: 'admin', status: 'todo' }])
    ctx.sandbox.admin.advanceClock({ seconds: 301 })
    const refreshed = await graphql(ctx, user.apiKey, 'mutation { refreshObfuscatedEmails(domain: "demo-app.io", contacts: [owner]) { type value status } }')
    t.match(refreshed.body.data.refreshObfuscatedEmails, [{ type: 'owner', status: 'todo' }, { type: 'admin', status: 'done' }])
    t.not(refreshed.body.data.refreshObfuscatedEmails[0].value, owner, 'a new address')

    const since = lastCallId(ctx.sandbox)
    t.match((await graphql(ctx, user.apiKey, 'mutation { refreshObfuscatedEmails(domain: "demo-app.io", contacts: [tech]) { type } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'contacts.0', message: /not obfuscated/ }] } }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-kiez.berlin/whois/obfuscated-emails', { contacts: ['owner'] })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'contacts.0', message: /can be: none/ }] })
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-app.io/whois/obfuscated-emails', { contacts: ['everyone'] })).body, { code: 'BAD_USER_INPUT' })
    t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET'), [], 'OVH was asked nothing')

    const viewer = await seedUser(ctx, { role: 'viewer' })
    t.match((await graphql(ctx, viewer.apiKey, 'mutation { setObfuscatedEmails(domain: "demo-app.io", contacts: []) { type } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  })
})
