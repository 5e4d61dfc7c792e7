// Whois display in the sandbox: disclosure rules per TLD, wrapped bodies as the schema says,
// all-or-nothing disclosure, obfuscated addresses that redirect after a while, and refusals.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'

t.test('disclosure (opt-in)', async t => {
  const served = await serveSandbox(t)
  const rules = (await ovhCall(served, { path: '/domain/demo-shop.com/rules/optin' })).body
  t.same(rules.map((rule: { type: string }) => rule.type), ['owner', 'admin', 'tech'])
  t.equal(rules[0].fields.length, 10)
  t.same((await ovhCall(served, { path: '/domain/demo-boulangerie.fr/rules/optin' })).body.map((rule: { type: string }) => rule.type), ['owner'])
  t.same((await ovhCall(served, { path: '/domain/demo-tea.co.uk/rules/optin' })).body, [], 'nothing to configure')
  t.same((await ovhCall(served, { path: '/domain/demo-shop.com/configurations/optin' })).body, [], 'nothing disclosed by default')

  const put = (body: unknown, domain = 'demo-shop.com') => ovhCall(served, { method: 'PUT', path: `/domain/${domain}/configurations/optin`, body })
  const set = await put({ optin: [{ type: 'owner', fields: ['email'] }, { type: 'tech', fields: [] }] })
  t.equal(set.status, 200)
  t.same(set.body, [{ type: 'owner', fields: rules[0].fields }, { type: 'tech', fields: [] }], 'the owner discloses all or nothing')
  t.same((await ovhCall(served, { path: '/domain/demo-shop.com/configurations/optin' })).body, set.body)

  t.equal((await put([{ type: 'owner', fields: [] }])).status, 400, 'a bare array is not the schema\'s body')
  t.match((await put({ optin: [{ type: 'billing', fields: [] }] })).body, { class: 'Client::BadRequest', message: /billing can not be configured/ })
  t.match((await put({ optin: [{ type: 'admin', fields: ['email'] }] })).body, { message: /email of the contact type admin can not be disclosed/ })
  t.match((await put({ optin: [{ type: 'owner', fields: [] }, { type: 'owner', fields: [] }] })).body, { message: /given twice/ })
  t.equal((await put({ optin: [{ type: 'owner', fields: ['shoe size'] }] })).status, 400, 'fields are an enum')
  t.equal((await put({ optin: [] }, 'not-mine.com')).status, 404)
  t.same((await put({ optin: [] })).body, [], 'disclose nothing again')
})

t.test('email obfuscation', async t => {
  const served = await serveSandbox(t)
  t.same((await ovhCall(served, { path: '/domain/demo-shop.com/rules/emailsObfuscation' })).body, ['admin', 'owner', 'tech'])
  t.same((await ovhCall(served, { path: '/domain/demo-kiez.berlin/rules/emailsObfuscation' })).body, [], 'not supported there')
  const initial = (await ovhCall(served, { path: '/domain/demo-shop.com/configurations/obfuscatedEmails' })).body
  t.same(initial.map((item: { type: string }) => item.type), ['admin', 'owner', 'tech'], 'on by default')
  t.match(initial[1], { status: 'done', value: /^[0-9a-f-]{36}@demo-shop\.com\.o-w-o\.info$/ })

  const put = (contacts: unknown, domain = 'demo-shop.com') => ovhCall(served, { method: 'PUT', path: `/domain/${domain}/configurations/obfuscatedEmails`, body: { contacts } })
  const owner = await put(['owner'])
  t.same(owner.body, [initial[1]], 'only the owner stays obfuscated, same address')
  const again = await put(['owner', 'tech'])
  t.match(again.body, [initial[1], { type: 'tech', status: 'todo' }])
  t.not(again.body[1].value, initial[2].value, 'a new address')
  served.sandbox.admin.advanceClock({ seconds: 301 })
  t.match((await ovhCall(served, { path: '/domain/demo-shop.com/configurations/obfuscatedEmails' })).body, [{ status: 'done' }, { type: 'tech', status: 'done' }], 'redirecting after a few minutes')

  const refresh = await ovhCall(served, { method: 'POST', path: '/domain/demo-shop.com/configurations/obfuscatedEmails/refresh', body: { contacts: ['owner'] } })
  t.equal(refresh.status, 200)
  t.equal(refresh.body, null, 'no body')
  const refreshed = (await ovhCall(served, { path: '/domain/demo-shop.com/configurations/obfuscatedEmails' })).body
  t.match(refreshed[0], { type: 'owner', status: 'todo' })
  t.not(refreshed[0].value, initial[1].value)

  t.match((await ovhCall(served, { method: 'POST', path: '/domain/demo-shop.com/configurations/obfuscatedEmails/refresh', body: { contacts: ['admin'] } })).body, { message: /refresh of the contact type admin/ }, 'only obfuscated emails refresh')
  t.match((await put(['admin'], 'demo-kiez.berlin')).body, { class: 'Client::BadRequest' })
  t.equal((await put('owner')).status, 400, 'contacts is a list')
})
