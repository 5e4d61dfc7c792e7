// DynHost through GraphQL and REST: logins (create, list, read, update, change the password,
// delete) whose password never shows in an answer, a log line or the audit trail, and records
// (create, list, read, update, delete), input refused before OVH, roles and tenant isolation.
import { Writable } from 'node:stream'
import pino from 'pino'
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { loggerOptions } from '../../src/logger.js'

const ZONE = 'demo-shop.com'

// Every log line at trace level, to look for the passwords in.
const lines: string[] = []
const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
const logger = pino({ ...loggerOptions('trace', false) }, sink)
const ctx = await build(t, { logger })

t.test('DynHost', async t => {
  const user = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const zoneState = () => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones![ZONE]
  const calls = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)
  const answers: string[] = []
  const keep = <T extends { body: unknown }>(answer: T): T => { answers.push(JSON.stringify(answer.body)); return answer }
  const PASSWORDS = ['Router-Pass-4921', 'Changed-Pass-7730', 'Second-Pass-5518']

  t.test('logins: create, read, list, update, change the password, delete', async t => {
    const since = lastCallId(ctx.sandbox)
    const created = keep(await q(`mutation ($input: DnsDynHostLoginInput!) { createDnsDynHostLogin(zone: "${ZONE}", input: $input) { login subDomain zone } }`,
      { input: { loginSuffix: 'router', password: PASSWORDS[0], subDomain: 'home' } }))
    t.same(created.body.data.createDnsDynHostLogin, { login: `${ZONE}-router`, subDomain: 'home', zone: ZONE })
    t.same(calls(since), ['POST /domain/zone/{zoneName}/dynHost/login'], 'no refresh: OVH serves DynHost changes at once')
    const viaRest = keep(await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/logins`, { loginSuffix: 'nas', password: PASSWORDS[2], subDomain: '*' }))
    t.same(viaRest.body, { login: `${ZONE}-nas`, subDomain: '*', zone: ZONE })

    const list = keep(await q(`{ dnsZone(name: "${ZONE}") { dynHostLogins { totalCount edges { node { login subDomain } } } one: dynHostLogin(login: "${ZONE}-router") { subDomain } none: dynHostLogin(login: "nobody") { login } } }`))
    t.same(list.body.data.dnsZone, {
      dynHostLogins: { totalCount: 2, edges: [{ node: { login: `${ZONE}-nas`, subDomain: '*' } }, { node: { login: `${ZONE}-router`, subDomain: 'home' } }] },
      one: { subDomain: 'home' },
      none: null
    })
    t.match(keep(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/dynhost/logins?subDomain=ho%25`)).body, { items: [{ login: `${ZONE}-router` }], totalCount: 1 })

    t.same(keep(await rest(ctx, user.apiKey, 'PUT', `/v1/dns/zones/${ZONE}/dynhost/logins/${ZONE}-router`, { subDomain: 'office' })).body, { login: `${ZONE}-router`, subDomain: 'office', zone: ZONE })
    const changed = keep(await q(`mutation { changeDnsDynHostLoginPassword(zone: "${ZONE}", login: "${ZONE}-router", password: "${PASSWORDS[1]}") { login subDomain } }`))
    t.same(changed.body.data.changeDnsDynHostLoginPassword, { login: `${ZONE}-router`, subDomain: 'office' })
    const hashBefore = zoneState().dynHostLogins![`${ZONE}-nas`].passwordHash
    t.same(keep(await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/logins/${ZONE}-nas/password`, { password: PASSWORDS[0] })).body, { login: `${ZONE}-nas`, subDomain: '*', zone: ZONE })
    t.not(zoneState().dynHostLogins![`${ZONE}-nas`].passwordHash, hashBefore, 'OVH has the new password')

    t.same(keep(await q(`mutation { deleteDnsDynHostLogin(zone: "${ZONE}", login: "${ZONE}-nas") { deletedLogin } }`)).body.data, { deleteDnsDynHostLogin: { deletedLogin: `${ZONE}-nas` } })
    t.same(Object.keys(zoneState().dynHostLogins!), [`${ZONE}-router`])
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/dynhost/logins/${ZONE}-nas`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(keep(await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/logins`, { loginSuffix: 'router', password: PASSWORDS[2], subDomain: 'x' })),
      { statusCode: 409, body: { code: 'CONFLICT' } }, 'OVH refuses a login that exists')
  })

  t.test('logins: bad input refused with its fields, before OVH', async t => {
    const since = lastCallId(ctx.sandbox)
    const refused = keep(await q(`mutation { createDnsDynHostLogin(zone: "${ZONE}", input: { loginSuffix: "has space", password: "short", subDomain: "a..b" }) { login } }`))
    t.match(refused.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.loginSuffix' }, { field: 'input.password' }, { field: 'input.subDomain' }] } }])
    t.notMatch(JSON.stringify(refused.body), /short/, 'the refusal does not quote the password')
    t.match(keep(await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/logins/${ZONE}-router/password`, { password: 'with space inside' })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.password' }] })
    t.match(keep(await rest(ctx, user.apiKey, 'PUT', `/v1/dns/zones/${ZONE}/dynhost/logins/${ZONE}-router`, {})).body, { code: 'BAD_USER_INPUT' })
    t.same(calls(since), [], 'nothing reached OVH')
  })

  t.test('records: create, read, list, update, delete', async t => {
    const since = lastCallId(ctx.sandbox)
    const created = await q(`mutation { createDnsDynHostRecord(zone: "${ZONE}", input: { subDomain: "home", ip: "198.51.100.7" }) { id zone subDomain ip ttl } }`)
    const record = created.body.data.createDnsDynHostRecord
    t.match(record, { zone: ZONE, subDomain: 'home', ip: '198.51.100.7', ttl: 60 })
    t.same(calls(since).filter(call => !call.startsWith('GET')), ['POST /domain/zone/{zoneName}/dynHost/record'], 'no refresh')
    const exported = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/export`)
    t.match(exported.body.zoneFile, /home\t60 IN A\t198\.51\.100\.7/, 'the record is in the zone')

    const v6 = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/records`, { subDomain: 'nas', ip: '2001:db8::7' })
    t.match(v6.body, { subDomain: 'nas', ip: '2001:db8::7' })
    const list = await q(`{ dnsZone(name: "${ZONE}") { dynHostRecords(first: 1) { totalCount edges { node { subDomain } } pageInfo { hasNextPage } } dynHostRecord(id: "${record.id}") { ip } } }`)
    t.same(list.body.data.dnsZone, { dynHostRecords: { totalCount: 2, edges: [{ node: { subDomain: 'home' } }], pageInfo: { hasNextPage: true } }, dynHostRecord: { ip: '198.51.100.7' } })
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/dynhost/records?subDomain=na%25`)).body, { items: [{ subDomain: 'nas' }], totalCount: 1 })
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/dynhost/records/1`), { statusCode: 404, body: { code: 'NOT_FOUND' } })

    const updated = await q(`mutation { updateDnsDynHostRecord(zone: "${ZONE}", id: "${record.id}", input: { ip: "198.51.100.8" }) { subDomain ip } }`)
    t.same(updated.body.data.updateDnsDynHostRecord, { subDomain: 'home', ip: '198.51.100.8' })
    t.match((await rest(ctx, user.apiKey, 'PUT', `/v1/dns/zones/${ZONE}/dynhost/records/${v6.body.id}`, { subDomain: 'backup' })).body, { subDomain: 'backup', ip: '2001:db8::7' })
    t.same((await rest(ctx, user.apiKey, 'DELETE', `/v1/dns/zones/${ZONE}/dynhost/records/${v6.body.id}`)).body, { id: v6.body.id })
    t.same((await q(`mutation { deleteDnsDynHostRecord(zone: "${ZONE}", id: "${record.id}") { deletedId } }`)).body.data.deleteDnsDynHostRecord, { deletedId: String(record.id) })
    t.same(Object.keys(zoneState().dynHostRecords!), [])
  })

  t.test('records: bad input and names taken are refused before OVH', async t => {
    await q(`mutation { createDnsDynHostRecord(zone: "${ZONE}", input: { subDomain: "home", ip: "198.51.100.7" }) { id } }`)
    const since = lastCallId(ctx.sandbox)
    t.match((await q(`mutation { createDnsDynHostRecord(zone: "${ZONE}", input: { subDomain: "*.x", ip: "300.1.1.1" }) { id } }`)).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.subDomain' }, { field: 'input.ip' }] } }])
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/records`, { subDomain: 'www', ip: '192.0.2.1' })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.subDomain', message: /CNAME/ }] })
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/records`, { subDomain: 'home', ip: '192.0.2.1' })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.subDomain', message: /already has a DynHost record/ }] })
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/records`, { subDomain: 'x' })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'body.ip' }] })
    t.same(calls(since).filter(call => !call.startsWith('GET')), [], 'nothing written at OVH')
  })

  t.test('viewers read, only writers change; another account\'s zone is not found', async t => {
    t.equal((await graphql(ctx, viewer.apiKey, `{ dnsZone(name: "${ZONE}") { dynHostLogins { totalCount } } }`)).body.data.dnsZone.dynHostLogins.totalCount, 1)
    t.match(keep(await graphql(ctx, viewer.apiKey, `mutation { changeDnsDynHostLoginPassword(zone: "${ZONE}", login: "${ZONE}-router", password: "${PASSWORDS[2]}") { login } }`)).body.errors,
      [{ extensions: { code: 'FORBIDDEN' } }])
    t.match(await rest(ctx, viewer.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/records`, { subDomain: 'v', ip: '192.0.2.1' }), { statusCode: 403, body: { code: 'FORBIDDEN' } })
    const other = ctx.sandbox.admin.createAccount({ seed: 'empty' })
    const stranger = await seedUser(ctx, { role: 'operator', account: other.nic })
    t.match(await rest(ctx, stranger.apiKey, 'GET', `/v1/dns/zones/${ZONE}/dynhost/logins`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(await rest(ctx, stranger.apiKey, 'GET', `/v1/dns/zones/${ZONE}/dynhost/records`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(keep(await rest(ctx, stranger.apiKey, 'POST', `/v1/dns/zones/${ZONE}/dynhost/logins/${ZONE}-router/password`, { password: PASSWORDS[2] })), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(await rest(ctx, stranger.apiKey, 'DELETE', `/v1/dns/zones/${ZONE}/dynhost/logins/${ZONE}-router`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.ok(zoneState().dynHostLogins![`${ZONE}-router`], 'the login is still there')
  })

  t.test('no password in any answer, log line or audit entry', async t => {
    logger.flush()
    // Audit entries are written after the answer: wait for the last change's.
    let audit = await ctx.db.auditEntry.findMany()
    for (let tries = 0; tries < 50 && !audit.some(entry => entry.operation.includes('changePassword')); tries++) {
      await new Promise(resolve => setTimeout(resolve, 100))
      audit = await ctx.db.auditEntry.findMany()
    }
    t.ok(audit.some(entry => entry.operation.includes('changePassword')), 'the password changes are audited')
    const output = lines.join('') + answers.join('') + JSON.stringify(audit, (_key, value) => typeof value === 'bigint' ? String(value) : value)
    t.ok(lines.length > 10)
    for (const password of [...PASSWORDS, 'short', 'with space inside']) t.notOk(output.includes(password), `${password} is nowhere`)
  })
})
