// Contacts in the sandbox: owner contacts (/domain/contact*) and the account's (/me/contact*) share
// ids; updates pass the domains' rules (DOMDOCRuleNotRespected, owner-change fields read-only);
// admin/tech/billing changes wait for both NICs to accept with their token.
import t from 'tap'
import { ovhCall, adminCall, serveSandbox } from './helpers.js'
import type { Served } from './helpers.js'

function demo (served: Served) {
  return served.sandbox.state.accounts[served.sandbox.demo.account]
}
const ownerOf = (served: Served, domain: string) => Number(demo(served).domains[domain].contacts.owner)

t.test('owner contacts and account contacts share ids', async t => {
  const served = await serveSandbox(t)
  const full = await ovhCall(served, { path: '/domain/contact' })
  t.equal(full.status, 200)
  t.ok(full.body.length >= 2)
  t.match(full.body[0], { id: Number, email: /@/, address: { city: String, country: /^[A-Z]{2}$/ }, vat: null })
  const ids = (await ovhCall(served, { path: '/me/contact' })).body
  t.same(ids, full.body.map((contact: { id: number }) => contact.id), '/me/contact lists the same ids')
  t.match((await ovhCall(served, { path: `/me/contact/${ids[1]}` })).body, { id: ids[1], firstName: 'Jonas', address: { city: 'Berlin' } })

  const created = await ovhCall(served, { method: 'POST', path: '/domain/contact', body: { legalForm: 'individual', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', address: { city: 'London', country: 'GB' } } })
  t.equal(created.status, 200)
  t.match(created.body, { id: Number, firstName: 'Ada', address: { city: 'London', line1: null } })
  t.match((await ovhCall(served, { path: `/me/contact/${created.body.id}` })).body, { id: created.body.id, email: 'ada@example.com', address: { city: 'London', line1: '' } })
  const batch = await ovhCall(served, { path: `/domain/contact/${ids[0]},${created.body.id},99`, headers: { 'x-ovh-batch': ',' } })
  t.same(batch.body.map((item: { key: string, error: unknown }) => [item.key, item.error === null]), [[String(ids[0]), true], [String(created.body.id), true], ['99', false]])

  const { consumerKey } = served.sandbox.admin.createAccount({ seed: 'empty' })
  t.same((await ovhCall(served, { path: '/domain/contact', consumerKey })).body, [])
  t.equal((await ovhCall(served, { path: `/domain/contact/${ids[0]}`, consumerKey })).status, 404, 'another account\'s contact does not exist')
  t.equal((await ovhCall(served, { method: 'PUT', path: `/domain/contact/${ids[0]}`, consumerKey, body: { phone: '+33.600000000' } })).status, 404)
})

t.test('updates pass the rules of every domain the contact owns', async t => {
  const served = await serveSandbox(t)
  const berliner = ownerOf(served, 'demo-kiez.berlin')
  const phone = await ovhCall(served, { method: 'PUT', path: `/domain/contact/${berliner}`, body: { phone: '+49.3099999999', address: { line2: 'Hinterhaus' } } })
  t.equal(phone.status, 200)
  t.match(phone.body, { phone: '+49.3099999999', address: { line1: 'Oranienstraße 25', line2: 'Hinterhaus', city: 'Berlin' } })

  const moved = await ovhCall(served, { method: 'PUT', path: `/domain/contact/${berliner}`, body: { address: { city: 'Paris', zip: '75002', country: 'FR' } } })
  t.equal(moved.status, 400)
  t.equal(moved.body.class, 'Client::BadRequest::DOMDOCRuleNotRespected')
  t.match(moved.body.details, { 'owner.city': 'Field "city" must be equal to "Berlin"', 'owner.country': 'Field "country" must be equal to "DE"' })
  t.equal(demo(served).contacts[berliner].address?.city, 'Berlin', 'nothing changed')

  const renamed = await ovhCall(served, { method: 'PUT', path: `/me/contact/${berliner}`, body: { email: 'new@example.com' } })
  t.equal(renamed.status, 400)
  t.match(renamed.body.details, { 'owner.email': 'Field "email" is read-only' })
  const fields = (await ovhCall(served, { path: `/me/contact/${berliner}/fields` })).body
  t.match(fields.find((f: { fieldName: string }) => f.fieldName === 'email'), { mandatory: true, readOnly: true })
  t.match(fields.find((f: { fieldName: string }) => f.fieldName === 'lastName'), { readOnly: true })
  t.match(fields.find((f: { fieldName: string }) => f.fieldName === 'organisationName'), { readOnly: false })
  t.match(fields.find((f: { fieldName: string }) => f.fieldName === 'phone'), { mandatory: false, readOnly: false })

  const unused = (await ovhCall(served, { method: 'POST', path: '/me/contact', body: { legalForm: 'individual', firstName: 'A', lastName: 'B', email: 'a@example.com', language: 'en_GB', address: { line1: 'x', city: 'Paris', country: 'FR' } } })).body
  t.equal((await ovhCall(served, { method: 'PUT', path: `/me/contact/${unused.id}`, body: { email: 'b@example.com' } })).status, 200, 'a contact no domain uses is free to change')
  t.notOk((await ovhCall(served, { path: `/me/contact/${unused.id}/fields` })).body.some((f: { readOnly: boolean }) => f.readOnly))
})

t.test('a null in a PUT clears the field where OVH\'s model lets it be null, else is not given', async t => {
  const served = await serveSandbox(t)
  const berliner = ownerOf(served, 'demo-kiez.berlin')
  const set = await ovhCall(served, { method: 'PUT', path: `/domain/contact/${berliner}`, body: { vat: 'DE123456789', fax: '+49.3011111111', address: { line2: 'Hinterhaus' } } })
  t.match(set.body, { vat: 'DE123456789', address: { line2: 'Hinterhaus' } })

  const cleared = await ovhCall(served, { method: 'PUT', path: `/domain/contact/${berliner}`, body: { vat: null, address: { line2: null } } })
  t.equal(cleared.status, 200)
  t.match(cleared.body, { vat: null, fax: '+49.3011111111', address: { line1: 'Oranienstraße 25', line2: null, city: 'Berlin' } }, 'absent fields stay')
  t.equal(demo(served).contacts[berliner].vat, null)

  const meCleared = await ovhCall(served, { method: 'PUT', path: `/me/contact/${berliner}`, body: { fax: null } })
  t.equal(meCleared.status, 200)
  t.equal(meCleared.body.fax, null)

  // me.contact.Contact cannot hold null there: OVH reads it as "not given", as its SDKs send it.
  for (const body of [{ email: null }, { address: { city: null } }]) {
    const kept = await ovhCall(served, { method: 'PUT', path: `/me/contact/${berliner}`, body })
    t.equal(kept.status, 200, `${JSON.stringify(body)}: accepted`)
  }
  t.match(demo(served).contacts[berliner], { email: /^jonas@/, address: { city: 'Berlin' } }, 'nothing changed')
})

t.test('admin, tech and billing changes wait for both NICs', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const other = sandbox.admin.createAccount({ seed: 'empty' })
  const opened = await ovhCall(served, { method: 'POST', path: '/domain/demo-shop.com/changeContact', body: { contactAdmin: other.nic, contactTech: other.nic } })
  t.equal(opened.status, 200)
  t.equal(opened.body.length, 1, 'one request per pair of NICs')
  const id = opened.body[0]
  const read = async (consumerKey?: string) => (await ovhCall(served, { path: `/me/task/contactChange/${id}`, consumerKey })).body
  t.match(await read(), { id, askingAccount: 'demo-ovh', fromAccount: 'demo-ovh', toAccount: other.nic, contactTypes: ['contactAdmin', 'contactTech'], serviceDomain: 'demo-shop.com', state: 'todo', dateDone: null })
  sandbox.admin.advanceClock({ seconds: 61 })
  t.equal((await read()).state, 'validatingByCustomers', 'emails sent')
  t.equal((await read(other.consumerKey)).state, 'validatingByCustomers', 'the new NIC sees it too')
  t.same((await ovhCall(served, { path: `/me/task/contactChange?toAccount=${other.nic}`, consumerKey: other.consumerKey })).body, [id])

  const tokens = (await adminCall(served, 'GET', `/contact-changes/${id}/tokens`)).body
  t.same(Object.keys(tokens).sort(), ['demo-ovh', other.nic].sort())
  const wrong = await ovhCall(served, { method: 'POST', path: `/me/task/contactChange/${id}/accept`, body: { token: 'nope' } })
  t.equal(wrong.status, 400)
  t.same(wrong.body, { class: 'Client::BadRequest', message: 'The token is not valid' })
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/contactChange/${id}/accept`, body: { token: tokens[other.nic] } })).status, 400, 'only the NIC it was emailed to can use a token')
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/contactChange/${id}/accept`, body: { token: tokens['demo-ovh'] } })).status, 200)
  t.equal((await read()).state, 'validatingByCustomers', 'one acceptance is not enough')
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/contactChange/${id}/resendEmail` })).status, 200)
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/contactChange/${id}/accept`, consumerKey: other.consumerKey, body: { token: tokens[other.nic] } })).status, 200)
  t.equal((await read()).state, 'doing')
  sandbox.admin.advanceClock({ seconds: 61 })
  t.match(await read(), { state: 'done', dateDone: /^\d{4}-/ })
  t.match((await ovhCall(served, { path: '/domain/demo-shop.com' })).body, { contactAdmin: { id: other.nic }, contactTech: { id: other.nic }, contactBilling: { id: 'demo-ovh' } })
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/contactChange/${id}/resendEmail` })).status, 400, 'nothing left to validate')
})

t.test('refused, expired and refused requests', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const other = sandbox.admin.createAccount({ seed: 'empty' })
  const post = (path: string, body?: unknown) => ovhCall(served, { method: 'POST', path, body })
  t.match((await post('/domain/demo-blog.net/changeContact', { contactBilling: 'nobody-ovh' })).body, { message: 'The nichandle nobody-ovh does not exist' })
  t.match((await post('/domain/demo-blog.net/changeContact', { contactBilling: 'demo-ovh' })).body, { message: /already the contactBilling/ })
  t.match((await post('/domain/demo-blog.net/changeContact', {})).body, { class: 'Client::BadRequest' })
  t.equal((await post('/domain/not-mine.com/changeContact', { contactBilling: other.nic })).status, 404)

  const [refused] = (await post('/domain/demo-blog.net/changeContact', { contactBilling: other.nic })).body
  t.match((await post('/domain/demo-blog.net/changeContact', { contactBilling: other.nic })).body, { message: /already waiting/ })
  const token = sandbox.admin.contactChangeTokens(refused)[other.nic]
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/contactChange/${refused}/refuse`, consumerKey: other.consumerKey, body: { token } })).status, 200)
  t.match((await ovhCall(served, { path: `/me/task/contactChange/${refused}` })).body, { state: 'refused', dateDone: /^\d{4}-/ })
  t.equal((await post(`/me/task/contactChange/${refused}/accept`, { token: sandbox.admin.contactChangeTokens(refused)['demo-ovh'] })).status, 400, 'too late to accept')

  const [expiring] = (await post('/domain/demo-blog.net/changeContact', { contactTech: other.nic })).body
  sandbox.admin.advanceClock({ seconds: 16 * 86_400 })
  t.equal((await ovhCall(served, { path: `/me/task/contactChange/${expiring}` })).body.state, 'expired')
  t.same((await ovhCall(served, { path: '/me/task/contactChange?state=expired' })).body, [expiring])
  t.equal(served.sandbox.state.accounts['demo-ovh'].domains['demo-blog.net'].contacts.tech, 'demo-ovh', 'nothing changed')
  const stranger = sandbox.admin.createAccount({ seed: 'empty' })
  t.equal((await ovhCall(served, { path: `/me/task/contactChange/${expiring}`, consumerKey: stranger.consumerKey })).status, 404, 'not visible to an account outside it')
})
