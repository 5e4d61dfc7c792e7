// Eligibility rules in the sandbox: the rule trees (generic, .fr, .berlin), OVH's rule-tree
// semantics in the check (fields, conditions, and/or, operators, readonly on update) and its
// DOMDOCRuleNotRespected answer with snake_case per-field details.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'
import type { Served } from './helpers.js'
import { owner } from '../support/owner.js'

const check = (served: Served, action: string, domain: string, body: unknown) =>
  ovhCall(served, { method: 'POST', path: `/domain/configurationRule/check?action=${action}&domain=${domain}`, body })

function failures (answer: { body: any }): Record<string, string> {
  return Object.fromEntries(Object.entries(answer.body?.details ?? {}).filter(([key]) => !key.startsWith('_'))) as Record<string, string>
}

t.test('rule trees per TLD and action', async t => {
  const served = await serveSandbox(t)
  const tree = async (action: string, domain: string) => (await ovhCall(served, { path: `/domain/configurationRule?action=${action}&domain=${domain}`, consumerKey: null })).body
  const com = await tree('create', 'example.com')
  t.same(com.and.map((rule: any) => rule.label), ['OWNER_CONTACT', 'OWNER_LEGAL_AGE'])
  const ownerFields = com.and[0].fields.and.map((rule: any) => rule.label)
  t.same(ownerFields, ['address.city', 'address.country', 'email', 'firstName', 'language', 'lastName', 'legalForm', 'address.line1', 'organisationName', 'phone', 'address.zip'])
  t.notOk(JSON.stringify(com).includes('readonly'), 'no readonly constraint on create')
  t.ok(JSON.stringify(await tree('update', 'example.com')).includes('"readonly"'), 'owner-change fields are readonly on update')

  const fr = await tree('create', 'example.fr')
  const frCountry = fr.and[0].fields.and.find((rule: any) => rule.label === 'address.country')
  const contains = frCountry.constraints.find((c: any) => c.operator === 'contains').values
  t.ok(contains.includes('DE') && contains.includes('NO') && !contains.includes('US'), '.fr owners reside in the EU/EEA')

  const berlin = await tree('create', 'example.berlin')
  t.same(berlin.and.map((rule: any) => rule.label), ['ADMIN_ACCOUNT', 'OWNER_CONTACT', 'OWNER_LEGAL_AGE'])
  const city = berlin.and[1].fields.and.find((rule: any) => rule.label === 'address.city')
  t.match(city.constraints[0], { operator: 'eq', value: 'Berlin', conditions: { label: 'ADMIN_ACCOUNT', fields: { or: [{ label: 'address.country' }, { label: 'address.city' }] } } })

  t.equal((await ovhCall(served, { path: '/domain/configurationRule?action=create&domain=nope', consumerKey: null })).status, 400)
  t.equal((await ovhCall(served, { path: '/domain/configurationRule?action=delete&domain=a.com', consumerKey: null })).status, 400)
})

t.test('the check answers DOMDOCRuleNotRespected with OVH details', async t => {
  const served = await serveSandbox(t)
  t.equal((await check(served, 'create', 'new-name.com', { owner: owner() })).status, 200)
  t.equal((await check(served, 'create', 'new-name.com', { owner: owner({ legalForm: 'corporation', organisationName: 'ACME', firstName: null, lastName: null }) })).status, 200)

  const empty = await check(served, 'create', 'new-name.com', { owner: {} })
  t.equal(empty.status, 400)
  t.equal(empty.body.class, 'Client::BadRequest::DOMDOCRuleNotRespected')
  t.equal(empty.body.message, '7 constraints of rules are not respected')
  t.match(empty.body.details, { _date: /UTC$/, _id: /^\w{9}$/, _message: 'Input data does not respect the rule' })
  t.same(failures(empty), {
    'owner.city': 'Field "city" is required',
    'owner.country': 'Field "country" is required',
    'owner.email': 'Field "email" is required',
    'owner.language': 'Field "language" is required',
    'owner.legal_form': 'Field "legal_form" is required',
    'owner.line1': 'Field "line1" is required',
    'owner.phone': 'Field "phone" is required'
  }, 'the example of OVH\'s guide')

  t.same(failures(await check(served, 'create', 'new-name.com', {})), { owner: 'Field "owner" is required' })
  t.same(Object.keys(failures(await check(served, 'create', 'new-name.com', { owner: owner({ firstName: null }) }))), ['owner.first_name'], 'names are required for an individual')
  t.same(Object.keys(failures(await check(served, 'create', 'new-name.com', { owner: owner({ legalForm: 'corporation' }) }))), ['owner.organisation_name'], 'an organisation otherwise')
  t.same(Object.keys(failures(await check(served, 'create', 'new-name.com', { owner: owner({}, { zip: null, country: 'IE' }) }))), [], 'no zip needed in Ireland')
  t.same(Object.keys(failures(await check(served, 'create', 'new-name.com', { owner: owner({}, { zip: null }) }))), ['owner.zip'], 'but in France')
  t.same(Object.keys(failures(await check(served, 'create', 'new-name.com', { owner: owner({ email: 'x'.repeat(300) }) }))), ['owner.email'], 'at most 255 characters')
  t.equal((await check(served, 'create', 'new-name.com', { owner: owner({ legalForm: 'sole' }) })).status, 400, 'the body is checked against OVH\'s model first')
})

t.test('.fr wants an owner in the EU/EEA; .berlin an owner or an admin in Berlin', async t => {
  const served = await serveSandbox(t)
  t.equal((await check(served, 'create', 'new-name.fr', { owner: owner({}, { country: 'DE', city: 'Hamburg' }) })).status, 200)
  t.same(failures(await check(served, 'create', 'new-name.fr', { owner: owner({}, { country: 'US', city: 'Boston' }) })), { 'owner.country': 'Field "country" must be one of the accepted values' })

  // The account's own NIC (the default admin) is in Roubaix.
  t.equal((await check(served, 'create', 'new-name.berlin', { owner: owner({}, { city: 'Berlin', country: 'DE' }) })).status, 200, 'owner in Berlin')
  const paris = await check(served, 'create', 'new-name.berlin', { owner: owner() })
  t.same(Object.keys(failures(paris)).sort(), ['admin_account.city', 'admin_account.country', 'owner.city', 'owner.country'], 'neither in Berlin: both sides are reported')
  t.match(failures(paris)['owner.city'], 'must be equal to "Berlin"')
  const admin = { country: 'DE', city: 'Berlin', legalform: 'individual', email: 'admin@example.de' }
  t.equal((await check(served, 'create', 'new-name.berlin', { owner: owner(), adminAccount: admin })).status, 200, 'admin in Berlin')
})

t.test('update, trade and transfer take what is left out from the existing service', async t => {
  const served = await serveSandbox(t)
  t.equal((await check(served, 'update', 'demo-kiez.berlin', {})).status, 200, 'the current data of a held domain passes')
  const account = served.sandbox.state.accounts['demo-ovh']
  const current = account.contacts[account.domains['demo-kiez.berlin'].contacts.owner]
  const same = { ...current, id: undefined, spareEmail: undefined }
  t.equal((await check(served, 'update', 'demo-kiez.berlin', { owner: same })).status, 200)
  const moved = await check(served, 'update', 'demo-kiez.berlin', { owner: { ...same, address: { ...current.address, city: 'Paris', zip: '75002', country: 'FR' } } })
  t.same(Object.keys(failures(moved)).sort(), ['admin_account.city', 'admin_account.country', 'owner.city', 'owner.country'], 'moving the owner out of Berlin')
  const renamed = await check(served, 'update', 'demo-kiez.berlin', { owner: { ...same, email: 'new@example.com', lastName: 'Other' } })
  t.same(failures(renamed), { 'owner.email': 'Field "email" is read-only', 'owner.last_name': 'Field "last_name" is read-only' }, 'owner-change fields')
  t.equal((await check(served, 'trade', 'demo-kiez.berlin', { owner: { ...same, email: 'new@example.com', lastName: 'Other' } })).status, 200, 'a trade may change them')
  t.equal((await check(served, 'transfer', 'incoming.com', {})).status, 200, 'a transfer keeps the registry\'s owner')
  t.equal((await check(served, 'transfer', 'incoming.fr', { owner: owner({}, { country: 'US' }) })).status, 400, 'unless a new one is given')
  t.equal((await check(served, 'update', 'demo-shop.com', {})).status, 200)
})
