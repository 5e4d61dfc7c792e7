// Eligibility rules through GraphQL and REST: the recursive rule tree, the check with OVH's details
// on the data's own field paths, malformed data refused before OVH, and upstream costs.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { owner } from '../support/owner.js'

const RULE_FIELDS = 'label type description placeholder contexts constraints { operator value values }'
const CHECK = `query ($domain: String!, $action: EligibilityAction!, $data: EligibilityDataInput!) {
  checkEligibility(domain: $domain, action: $action, data: $data) { valid errors { field message } }
}`

t.test('eligibility rules and checks', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)

  t.test('the rule tree is a recursive type, and whole as OVH JSON', async t => {
    const answer = await graphql(ctx, user.apiKey, `{
      eligibilityRules(domain: "shop.berlin", action: create) {
        ${RULE_FIELDS}
        and { ${RULE_FIELDS} fields { and { ${RULE_FIELDS} constraints { operator conditions { label fields { or { label constraints { operator value } } } } } } } }
        asJson
      }
    }`)
    t.equal(answer.statusCode, 200, JSON.stringify(answer.body.errors))
    const tree = answer.body.data.eligibilityRules
    t.same(tree.and.map((rule: any) => rule.label), ['ADMIN_ACCOUNT', 'OWNER_CONTACT', 'OWNER_LEGAL_AGE'])
    const city = tree.and[1].fields.and.find((rule: any) => rule.label === 'address.city')
    t.match(city, { type: 'string', constraints: [{ operator: 'eq', value: 'Berlin', conditions: { label: 'ADMIN_ACCOUNT', fields: { or: [{ label: 'address.country' }, { label: 'address.city' }] } } }] })
    const restTree = await rest(ctx, user.apiKey, 'GET', '/v1/rules?domain=shop.berlin&action=create')
    t.equal(restTree.statusCode, 200)
    t.same(JSON.parse(tree.asJson), restTree.body, 'GraphQL and REST give the same tree')
    t.match(restTree.body.and[1].fields.and[0], { label: 'address.city', fields: null, or: null })
    const spec = (await ctx.app.inject('/openapi.json')).json()
    t.ok(spec.paths['/v1/rules']?.get && spec.paths['/v1/rules/check']?.post, 'documented in OpenAPI')
  })

  t.test('a check answers valid, or OVH\'s per-field details on the input\'s paths', async t => {
    const valid = await graphql(ctx, user.apiKey, CHECK, { domain: 'new-name.fr', action: 'create', data: { owner: owner() } })
    t.same(valid.body.data.checkEligibility, { valid: true, errors: [] })

    const since = lastCallId(ctx.sandbox)
    const broken = await graphql(ctx, user.apiKey, CHECK, {
      domain: 'new-name.berlin',
      action: 'create',
      data: { owner: owner({ legalForm: 'corporation', organisationName: null }, { zip: null }) }
    })
    t.same(broken.body.data.checkEligibility.errors.map((e: any) => e.field), [
      'adminAccount.city', 'adminAccount.country', 'owner.address.city', 'owner.address.country', 'owner.address.zip', 'owner.organisationName'
    ])
    t.match(broken.body.data.checkEligibility, { valid: false, errors: [{ message: /must be equal to "Berlin"/ }] })
    t.match(ctx.sandbox.admin.calls({ since }), [{ method: 'POST', route: '/domain/configurationRule/check' }], 'one upstream call')
    t.equal(ctx.sandbox.admin.calls({ since }).length, 1)

    const admin = await graphql(ctx, user.apiKey, CHECK, { domain: 'new-name.berlin', action: 'create', data: { owner: owner(), adminAccount: { city: 'Berlin', country: 'DE', legalform: 'individual' } } })
    t.same(admin.body.data.checkEligibility, { valid: true, errors: [] }, 'an admin in Berlin is enough')

    const restCheck = await rest(ctx, user.apiKey, 'POST', '/v1/rules/check?domain=new-name.fr&action=create', { owner: owner({}, { country: 'US' }) })
    t.equal(restCheck.statusCode, 200)
    t.same(restCheck.body, { valid: false, errors: [{ field: 'owner.address.country', message: 'Field "country" must be one of the accepted values' }] })

    const update = await graphql(ctx, user.apiKey, CHECK, { domain: 'demo-kiez.berlin', action: 'update', data: {} })
    t.same(update.body.data.checkEligibility, { valid: true, errors: [] }, 'the current data of a held domain')
  })

  t.test('malformed data is refused before OVH', async t => {
    const since = lastCallId(ctx.sandbox)
    const bad = await graphql(ctx, user.apiKey, CHECK, { domain: 'new-name.fr', action: 'create', data: { owner: owner({ phone: '0612345678' }, { country: 'France' }) } })
    t.match(bad.body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
    t.same(bad.body.errors?.[0].extensions.fields.map((f: any) => f.field).sort(), ['data.owner.address.country', 'data.owner.phone'])
    t.match((await graphql(ctx, user.apiKey, CHECK, { domain: 'not a name', action: 'create', data: {} })).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'domain' }] } }])
    t.match((await rest(ctx, user.apiKey, 'POST', '/v1/rules/check?domain=a.fr&action=create', { owner: { nickname: 'x' } })).body, { code: 'BAD_USER_INPUT' })
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/rules?domain=a.fr&action=delete')).body, { code: 'BAD_USER_INPUT' })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'OVH was not called')
  })
})
