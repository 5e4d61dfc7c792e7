// Contacts through GraphQL and REST: owner contacts (updates checked against the eligibility rules
// first, never PUT when they fail), account contacts and their field rules, a domain's owner and
// NICs through batched loaders, and NIC changes accepted or refused with the emailed tokens.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { addDomains, lastCallId } from '../support/sandbox.js'
import { CANNOT_CLEAR } from '../../src/modules/contacts/schemas.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

const UPDATE = 'mutation ($id: ID!, $input: ContactInput!) { updateOwnerContact(id: $id, input: $input) { id email phone vat fax address { line1 line2 city country } } }'
const UPDATE_ACCOUNT = 'mutation ($id: ID!, $input: AccountContactInput!) { updateAccountContact(id: $id, input: $input) { id email vat fax address { line1 line2 city } } }'

function ownerId (ctx: TestApp, domain: string): string {
  return ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains[domain].contacts.owner
}

function storedContact (ctx: TestApp, id: string | number) {
  return ctx.sandbox.state.accounts[ctx.sandbox.demo.account].contacts[String(id)]
}

// Holds the next call to `path` in the sandbox until `meanwhile` has run: what another client (or
// OVH itself) changes between the gateway's reads and its write. The fault counts the call as soon
// as it arrives, before its latency.
async function whileHeld (ctx: TestApp, method: 'POST' | 'PUT', path: string, send: () => Promise<unknown>, meanwhile: () => void) {
  const fault = ctx.sandbox.admin.addFault({ method, path, latencyMs: 1_000, times: 1 })
  const answer = send()
  // Bounded: if the call never comes, the assertions on the answer fail instead of the test hanging.
  for (let waited = 0; waited < 5_000 && ctx.sandbox.admin.faults().find(f => f.id === fault.id)?.hits === 0; waited += 10) {
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  meanwhile()
  return answer
}

t.test('owner contacts', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const berliner = ownerId(ctx, 'demo-kiez.berlin')

  t.test('listed as OVH returns them, read, created', async t => {
    const since = lastCallId(ctx.sandbox)
    const list = await graphql(ctx, user.apiKey, '{ ownerContacts { id legalForm firstName lastName organisationName email phone language address { city country } } }')
    t.equal(list.statusCode, 200)
    t.match(list.body.data.ownerContacts, [{ legalForm: 'corporation', organisationName: 'demo SAS', address: { city: 'Roubaix' } }, { id: berliner, legalForm: 'individual', language: 'de_DE', address: { city: 'Berlin', country: 'DE' } }])
    t.same(ctx.sandbox.admin.calls({ since }).map(call => call.route), ['/domain/contact'], 'one call: OVH lists full objects')

    const created = await graphql(ctx, user.apiKey, 'mutation ($input: ContactInput!) { createOwnerContact(input: $input) { id firstName address { city } } }', {
      input: { legalForm: 'individual', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44.2071234567', language: 'en_GB', address: { line1: '12 St James\'s Square', city: 'London', zip: 'SW1Y 4LB', country: 'GB' } }
    })
    t.match(created.body.data.createOwnerContact, { id: /^\d+$/, firstName: 'Ada', address: { city: 'London' } })
    const read = await rest(ctx, user.apiKey, 'GET', `/v1/contacts/owners/${created.body.data.createOwnerContact.id}`)
    t.match(read.body, { email: 'ada@example.com', address: { zip: 'SW1Y 4LB', line2: null } })
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/contacts/owners/1')).body, { code: 'NOT_FOUND' })
    t.equal((await graphql(ctx, user.apiKey, '{ ownerContact(id: "1") { id } }')).body.data.ownerContact, null)
  })

  t.test('an update is checked against the rules of the domains the contact owns, and not sent when it fails', async t => {
    const fine = await graphql(ctx, user.apiKey, UPDATE, { id: berliner, input: { phone: '+49.3099999999', address: { line2: 'Hinterhaus' } } })
    t.match(fine.body.data.updateOwnerContact, { phone: '+49.3099999999', address: { line1: 'Oranienstraße 25', line2: 'Hinterhaus', city: 'Berlin' } })

    const since = lastCallId(ctx.sandbox)
    const moved = await graphql(ctx, user.apiKey, UPDATE, { id: berliner, input: { address: { city: 'Paris', zip: '75002', country: 'FR' } } })
    const error = moved.body.errors?.[0]
    t.equal(error?.extensions.code, 'BAD_USER_INPUT')
    t.match(error?.message, /demo-kiez.berlin/)
    const fields = error?.extensions.fields as Array<{ field: string, message: string }>
    t.match(fields.find(f => f.field === 'address.city'), { message: 'Field "city" must be equal to "Berlin" (demo-kiez.berlin)' })
    t.ok(fields.some(f => f.field === 'address.country'))
    const calls = ctx.sandbox.admin.calls({ since })
    t.same(calls.filter(call => call.method === 'PUT'), [], 'no PUT reached OVH')
    t.same(calls.filter(call => call.route === '/domain/configurationRule/check').map(call => call.path.split('domain=')[1]).sort(), ['demo-kiez.berlin', 'demo-studio.berlin', 'demo-boulangerie.fr', 'demo-project.eu'].sort(), 'one check per domain it owns')
    t.equal(ctx.sandbox.state.accounts['demo-ovh'].contacts[berliner].address?.city, 'Berlin')

    const renamed = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/owners/${berliner}`, { email: 'someone-else@example.com' })
    t.equal(renamed.statusCode, 400)
    t.match(renamed.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'email', message: /read-only/ }] }, 'an owner-change field')

    const before = lastCallId(ctx.sandbox)
    const malformed = await graphql(ctx, user.apiKey, UPDATE, { id: berliner, input: { phone: '030 1234567', address: { country: 'Germany' } } })
    t.same(malformed.body.errors?.[0].extensions.fields.map((f: any) => f.field).sort(), ['input.address.country', 'input.phone'])
    t.same(ctx.sandbox.admin.calls({ since: before }), [], 'malformed input never reaches OVH')
  })

  t.test('null clears a field: sent to OVH as null, and the rules see the field cleared', async t => {
    const set = await graphql(ctx, user.apiKey, UPDATE, { id: berliner, input: { vat: 'DE123456789', fax: '+49.3011111111', address: { line2: 'Hinterhaus' } } })
    t.match(set.body.data.updateOwnerContact, { vat: 'DE123456789', fax: '+49.3011111111', address: { line2: 'Hinterhaus' } })

    const cleared = await graphql(ctx, user.apiKey, UPDATE, { id: berliner, input: { vat: null, address: { line2: null } } })
    t.equal(cleared.statusCode, 200, JSON.stringify(cleared.body.errors))
    t.match(cleared.body.data.updateOwnerContact, { vat: null, fax: '+49.3011111111', address: { line1: 'Oranienstraße 25', line2: null, city: 'Berlin' } }, 'fields left out stay')
    t.match(storedContact(ctx, berliner), { vat: null, fax: '+49.3011111111', address: { line2: null } }, 'cleared at OVH')

    const rest1 = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/owners/${berliner}`, { fax: null })
    t.equal(rest1.statusCode, 200)
    t.equal(rest1.body.fax, null)
    t.equal(storedContact(ctx, berliner).fax, null)

    // phone is required by the update rules of the domains the contact owns: clearing it is refused
    // by the check, which saw the contact without it, and never sent.
    const since = lastCallId(ctx.sandbox)
    const noPhone = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/owners/${berliner}`, { phone: null })
    t.equal(noPhone.statusCode, 400)
    t.match(noPhone.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'phone', message: /required/ }] })
    t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method === 'PUT'), [], 'no PUT reached OVH')
    t.match(storedContact(ctx, berliner).phone, /^\+49\./)
  })

  t.test('an update that gives nothing to change is refused before any OVH call', async t => {
    const stored = structuredClone(storedContact(ctx, berliner))
    const since = lastCallId(ctx.sandbox)
    const nothing = { code: 'BAD_USER_INPUT', detail: 'nothing to change', fields: [{ field: 'input', message: /at least one of/ }] }
    const viaRest = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/owners/${berliner}`, {})
    t.equal(viaRest.statusCode, 400)
    t.match(viaRest.body, nothing)
    for (const input of [{}, { address: {} }]) {
      const viaGraphql = await graphql(ctx, user.apiKey, UPDATE, { id: berliner, input })
      t.match(viaGraphql.body.errors, [{ message: 'nothing to change', extensions: { code: 'BAD_USER_INPUT', fields: nothing.fields } }], JSON.stringify(input))
    }
    t.same(ctx.sandbox.admin.calls({ since }), [], 'OVH was not called, not even to read')
    t.same(storedContact(ctx, berliner), stored)
  })

  t.test('OVH refusing the PUT itself (the contact came to own a domain meanwhile): fields on the contact\'s paths', async t => {
    const created = await rest(ctx, user.apiKey, 'POST', '/v1/contacts/owners', { legalForm: 'individual', firstName: 'Lea', lastName: 'Roux', email: 'lea@example.com', phone: '+33.612345678', language: 'fr_FR', address: { line1: '1 place Bellecour', city: 'Lyon', zip: '69002', country: 'FR' } })
    const lea = String(created.body.id)
    const domains = ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains
    t.teardown(() => { domains['demo-kiez.berlin'].contacts.owner = berliner })
    const answer = await whileHeld(ctx, 'PUT', `/domain/contact/${lea}`,
      () => graphql(ctx, user.apiKey, UPDATE, { id: lea, input: { phone: '+33.699999999' } }),
      () => { domains['demo-kiez.berlin'].contacts.owner = lea }) as Awaited<ReturnType<typeof graphql>>
    const error = answer.body.errors?.[0]
    t.match(error?.extensions, { code: 'BAD_USER_INPUT', ovh: { class: 'Client::BadRequest::DOMDOCRuleNotRespected' } })
    t.same(error?.extensions.fields.map((f: { field: string }) => f.field), ['address.city', 'address.country', 'adminAccount.city', 'adminAccount.country'])
  })
})

t.test('account contact updates get the owner update\'s checks', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const berliner = ownerId(ctx, 'demo-kiez.berlin')

  t.test('null clears a field OVH lets be null; the fields OVH requires cannot be cleared', async t => {
    const set = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/account/${berliner}`, { vat: 'DE123456789', fax: '+49.3011111111', address: { line2: 'Hinterhaus' } })
    t.match(set.body, { vat: 'DE123456789', fax: '+49.3011111111', address: { line2: 'Hinterhaus' } })
    const cleared = await graphql(ctx, user.apiKey, UPDATE_ACCOUNT, { id: berliner, input: { vat: null, address: { line2: null } } })
    t.equal(cleared.statusCode, 200, JSON.stringify(cleared.body.errors))
    t.match(cleared.body.data.updateAccountContact, { vat: null, fax: '+49.3011111111', address: { line1: 'Oranienstraße 25', line2: null, city: 'Berlin' } })
    t.match(storedContact(ctx, berliner), { vat: null, address: { line2: null } })
    t.equal((await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/account/${berliner}`, { fax: null })).body.fax, null)
    t.equal(storedContact(ctx, berliner).fax, null)

    const since = lastCallId(ctx.sandbox)
    const noEmail = await graphql(ctx, user.apiKey, UPDATE_ACCOUNT, { id: berliner, input: { email: null, address: { city: null } } })
    t.match(noEmail.body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
    t.same(noEmail.body.errors?.[0].extensions.fields, [{ field: 'input.address.city', message: CANNOT_CLEAR }, { field: 'input.email', message: CANNOT_CLEAR }])
    const noCity = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/account/${berliner}`, { address: { line1: null } })
    t.equal(noCity.statusCode, 400)
    t.match(noCity.body, { code: 'BAD_USER_INPUT', fields: [{ field: /address\.line1$/, message: CANNOT_CLEAR }] })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'never reaches OVH')
    t.match(storedContact(ctx, berliner), { email: /^jonas@/, address: { line1: 'Oranienstraße 25', city: 'Berlin' } })
  })

  t.test('checked first against the rules of the domains it owns and its read-only fields, on the input\'s paths', async t => {
    const since = lastCallId(ctx.sandbox)
    const moved = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/account/${berliner}`, { address: { city: 'Paris', country: 'FR' } })
    t.equal(moved.statusCode, 400)
    t.match(moved.body, { code: 'BAD_USER_INPUT', detail: /demo-kiez.berlin/ })
    t.same(moved.body.fields.map((f: { field: string }) => f.field), ['address.city', 'address.country', 'adminAccount.city', 'adminAccount.country'])
    t.match(moved.body.fields[0], { message: 'Field "city" must be equal to "Berlin" (demo-kiez.berlin)' })

    const renamed = await graphql(ctx, user.apiKey, UPDATE_ACCOUNT, { id: berliner, input: { email: 'someone-else@example.com' } })
    t.match(renamed.body.errors?.[0].extensions, { code: 'BAD_USER_INPUT', fields: [{ field: 'email', message: /read-only/ }] })
    t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method === 'PUT'), [], 'no PUT reached OVH')
    t.match(storedContact(ctx, berliner), { email: /^jonas@/, address: { city: 'Berlin' } })

    const same = await graphql(ctx, user.apiKey, UPDATE_ACCOUNT, { id: berliner, input: { email: storedContact(ctx, berliner).email, address: { zip: '10997' } } })
    t.equal(same.statusCode, 200, JSON.stringify(same.body.errors))
    t.equal(storedContact(ctx, berliner).address?.zip, '10997', 'a read-only field given its own value is not a change')
  })

  t.test('an update that gives nothing to change is refused before any OVH call', async t => {
    const since = lastCallId(ctx.sandbox)
    const viaRest = await rest(ctx, user.apiKey, 'PUT', `/v1/contacts/account/${berliner}`, { address: {} })
    t.equal(viaRest.statusCode, 400)
    t.match(viaRest.body, { code: 'BAD_USER_INPUT', detail: 'nothing to change', fields: [{ field: 'input' }] })
    t.match((await graphql(ctx, user.apiKey, UPDATE_ACCOUNT, { id: berliner, input: {} })).body.errors, [{ message: 'nothing to change', extensions: { code: 'BAD_USER_INPUT' } }])
    t.same(ctx.sandbox.admin.calls({ since }), [], 'OVH was not called')
  })

  t.test('OVH refusing the PUT itself: fields on the input\'s paths, not owner.*', async t => {
    const created = await rest(ctx, user.apiKey, 'POST', '/v1/contacts/account', { legalForm: 'individual', firstName: 'Lea', lastName: 'Roux', email: 'lea@example.com', language: 'fr_FR', address: { line1: '1 place Bellecour', city: 'Lyon', zip: '69002', country: 'FR' } })
    const lea = String(created.body.id)
    const domains = ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains
    t.teardown(() => { domains['demo-kiez.berlin'].contacts.owner = berliner })
    const answer = await whileHeld(ctx, 'PUT', `/me/contact/${lea}`,
      () => rest(ctx, user.apiKey, 'PUT', `/v1/contacts/account/${lea}`, { phone: '+33.699999999' }),
      () => { domains['demo-kiez.berlin'].contacts.owner = lea }) as Awaited<ReturnType<typeof rest>>
    t.equal(answer.statusCode, 400)
    t.match(answer.body, { code: 'BAD_USER_INPUT', ovh: { class: 'Client::BadRequest::DOMDOCRuleNotRespected' } })
    t.same(answer.body.fields.map((f: { field: string }) => f.field), ['address.city', 'address.country', 'adminAccount.city', 'adminAccount.country'])
  })
})

t.test('account contacts and their field rules', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const answer = await graphql(ctx, user.apiKey, '{ accountContacts(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id email legalForm address { city } fields { fieldName mandatory readOnly } } } } }')
  const { totalCount, pageInfo, edges } = answer.body.data.accountContacts
  t.equal(totalCount, 2)
  t.equal(pageInfo.hasNextPage, true)
  t.match(edges[0].node, { legalForm: 'corporation', address: { city: 'Roubaix' } })
  t.match(edges[0].node.fields.find((f: any) => f.fieldName === 'email'), { mandatory: true, readOnly: true })
  const next = await graphql(ctx, user.apiKey, 'query ($after: String) { accountContacts(first: 1, after: $after) { pageInfo { hasNextPage hasPreviousPage } edges { node { firstName } } } }', { after: pageInfo.endCursor })
  t.same(next.body.data.accountContacts, { pageInfo: { hasNextPage: false, hasPreviousPage: true }, edges: [{ node: { firstName: 'Jonas' } }] })

  const missing = await graphql(ctx, user.apiKey, 'mutation { createAccountContact(input: { email: "x@example.com" }) { id } }')
  t.match(missing.body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
  t.ok(missing.body.errors?.[0].extensions.fields.some((f: any) => f.field === 'input.firstName'))
  const created = await rest(ctx, user.apiKey, 'POST', '/v1/contacts/account', { legalForm: 'individual', firstName: 'Lea', lastName: 'Roux', email: 'lea@example.com', language: 'fr_FR', address: { line1: '1 place Bellecour', city: 'Lyon', country: 'FR' } })
  t.equal(created.statusCode, 200)
  t.match(created.body, { id: Number, firstName: 'Lea', address: { city: 'Lyon', zip: null } })
  const updated = await graphql(ctx, user.apiKey, `mutation { updateAccountContact(id: "${created.body.id}", input: { email: "lea.roux@example.com" }) { email fields { fieldName readOnly } } }`)
  t.equal(updated.body.data.updateAccountContact.email, 'lea.roux@example.com', 'a contact no domain uses is free to change')
  t.notOk(updated.body.data.updateAccountContact.fields.some((f: any) => f.readOnly))
  t.match((await rest(ctx, user.apiKey, 'GET', `/v1/contacts/account/${created.body.id}/fields`)).body, [{ fieldName: 'address.city', mandatory: true }])
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/contacts/account?first=10')).body.totalCount, 3)
})

t.test('a page of 50 domains reads its owners in one batch call', async t => {
  const ctx = freshSandbox(shared)
  addDomains(ctx.sandbox, ctx.sandbox.demo.account, 45)
  const user = await seedUser(ctx)
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, '{ domains(first: 50) { edges { node { name expirationDate owner { email } adminAccount { nichandle } } } } }')
  t.equal(answer.statusCode, 200)
  const nodes = answer.body.data.domains.edges.map((e: any) => e.node)
  t.equal(nodes.length, 50)
  t.ok(nodes.every((n: any) => /@/.test(n.owner.email) && n.adminAccount.nichandle === 'demo-ovh'))
  const calls = ctx.sandbox.admin.calls({ since })
  t.same(calls.map(call => call.route), ['/domain', '/domain/{serviceName}', '/domain/contact/{contactId}'])
  t.equal(calls[2].batchSize, 2, 'each owner read once')
})

t.test('NIC changes wait for both NICs\' tokens', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const other = ctx.sandbox.admin.createAccount({ seed: 'empty' })
  const newcomer = await seedUser(ctx, { account: other.nic })
  const pending = '{ domain(name: "demo-shop.com") { adminAccount { nichandle pendingChange { id state } } techAccount { pendingChange { id } } billingAccount { nichandle pendingChange { id } } } }'

  const opened = await graphql(ctx, user.apiKey, `mutation { changeDomainContacts(domain: "demo-shop.com", admin: "${other.nic}", tech: "${other.nic.toUpperCase()}") { id fromAccount toAccount contactTypes state serviceDomain } }`)
  t.equal(opened.statusCode, 200, JSON.stringify(opened.body.errors))
  const [request] = opened.body.data.changeDomainContacts
  t.match(request, { fromAccount: 'demo-ovh', toAccount: other.nic, contactTypes: ['contactAdmin', 'contactTech'], state: 'todo', serviceDomain: 'demo-shop.com' })
  const shown = (await graphql(ctx, user.apiKey, pending)).body.data.domain
  t.same(shown.adminAccount, { nichandle: 'demo-ovh', pendingChange: { id: request.id, state: 'todo' } })
  t.same(shown.techAccount.pendingChange, { id: request.id })
  t.same(shown.billingAccount, { nichandle: 'demo-ovh', pendingChange: null })
  ctx.sandbox.admin.advanceClock({ seconds: 61 })

  const tokens = ctx.sandbox.admin.contactChangeTokens(Number(request.id))
  const accept = (apiKey: string, token: string) => graphql(ctx, apiKey, 'mutation ($id: ID!, $token: String!) { acceptContactChange(id: $id, token: $token) { state dateDone } }', { id: request.id, token })
  const wrong = await accept(user.apiKey, 'not-the-token')
  t.match(wrong.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'token' }], ovh: { status: 400, message: 'The token is not valid' } } }])

  // Another 400 (OVH's own refusal once the request has moved on) is OVH's, not the token's: here
  // the request is aborted at OVH after the gateway read it as pending.
  const change = ctx.sandbox.state.contactChanges[String(request.id)]
  const moved = await whileHeld(ctx, 'POST', `/me/task/contactChange/${request.id}/accept`, () => accept(user.apiKey, tokens['demo-ovh']),
    () => { change.state = 'aborted' }) as Awaited<ReturnType<typeof graphql>>
  change.state = 'validatingByCustomers'
  const movedError = moved.body.errors?.[0]
  t.match(movedError?.extensions, { code: 'OVH_ERROR', ovh: { status: 400, class: 'Client::BadRequest', message: /is aborted: it no longer waits for validation/ } })
  t.notOk(movedError?.extensions.fields, 'no field blamed')
  t.match(movedError?.message, /no longer waits/, 'OVH\'s own words')
  t.same((await accept(user.apiKey, tokens['demo-ovh'])).body.data.acceptContactChange, { state: 'validatingByCustomers', dateDone: null })
  t.match((await rest(ctx, newcomer.apiKey, 'GET', `/v1/contact-changes?toAccount=${other.nic}`)).body, { totalCount: 1, items: [{ id: Number(request.id) }] }, 'the new NIC sees the request')
  const resent = await rest(ctx, newcomer.apiKey, 'POST', `/v1/contact-changes/${request.id}/resend-email`)
  t.equal(resent.statusCode, 200)
  t.same((await accept(newcomer.apiKey, tokens[other.nic])).body.data.acceptContactChange, { state: 'doing', dateDone: null })
  ctx.sandbox.admin.advanceClock({ seconds: 61 })
  const done = await graphql(ctx, user.apiKey, `{ contactChangeRequest(id: "${request.id}") { state dateDone } domain(name: "demo-shop.com") { adminAccount { nichandle pendingChange { id } } techAccount { nichandle } } }`)
  t.match(done.body.data, { contactChangeRequest: { state: 'done', dateDone: /^\d{4}-/ }, domain: { adminAccount: { nichandle: other.nic, pendingChange: null }, techAccount: { nichandle: other.nic } } })

  const since = lastCallId(ctx.sandbox)
  t.match((await graphql(ctx, user.apiKey, `mutation { resendContactChangeEmail(id: "${request.id}") { id } }`)).body.errors, [{ extensions: { code: 'CONFLICT', reason: 'REQUEST_NOT_PENDING' } }])
  t.match((await accept(user.apiKey, tokens['demo-ovh'])).body.errors, [{ extensions: { code: 'CONFLICT' } }])
  t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method === 'POST'), [], 'refused without calling OVH')

  const [billing] = (await rest(ctx, user.apiKey, 'POST', '/v1/domains/demo-blog.net/contact-change', { billing: other.nic })).body
  t.equal(billing.state, 'todo')
  const refused = await rest(ctx, newcomer.apiKey, 'POST', `/v1/contact-changes/${billing.id}/refuse`, { token: ctx.sandbox.admin.contactChangeTokens(billing.id)[other.nic] })
  t.match(refused.body, { id: billing.id, state: 'refused' })
  const list = await graphql(ctx, user.apiKey, '{ contactChangeRequests(filter: { state: refused }) { totalCount edges { node { id } } } }')
  t.same(list.body.data.contactChangeRequests, { totalCount: 1, edges: [{ node: { id: String(billing.id) } }] })

  t.match((await rest(ctx, user.apiKey, 'POST', '/v1/domains/demo-blog.net/contact-change', {})).body, { code: 'BAD_USER_INPUT' })
  t.match((await rest(ctx, user.apiKey, 'POST', '/v1/domains/demo-blog.net/contact-change', { admin: 'nobody-ovh' })).body, { code: 'OVH_ERROR', ovh: { message: 'The nichandle nobody-ovh does not exist' } })
  t.match((await graphql(ctx, user.apiKey, 'mutation { changeDomainContacts(domain: "demo-blog.net", admin: "not a nic!") { id } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'admin' }] } }])
})
