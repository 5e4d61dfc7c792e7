// The OVH client against the built-in sandbox over real HTTP: clock drift recovered with one
// resync, batch reads, and OVH's errors kept typed with their query id.
import t from 'tap'
import { createOvhTransport, OvhApiError } from '../../src/ovh/index.js'
import type { OvhCallRecord } from '../../src/ovh/index.js'
import { startStandaloneSandbox } from '../support/sandbox.js'

t.test('a clock that drifted is re-synced once, and the call succeeds', async t => {
  const { sandbox, baseUrl } = await startStandaloneSandbox(t)
  const transport = createOvhTransport({ baseUrl })
  t.teardown(() => transport.close())
  const calls: OvhCallRecord[] = []
  const client = transport.client({ ...sandbox.demo }, { onCall: call => calls.push(call) })

  const names = await client.get<string[]>('/domain')
  t.ok(names.length >= 12)
  // OVH's clock jumps an hour ahead of what the client measured.
  sandbox.admin.advanceClock({ seconds: 3600 })
  calls.length = 0
  const domain = await client.get<{ domain: string }>('/domain/{serviceName}', { params: { serviceName: names[0] } })
  t.equal(domain.domain, names[0])
  t.match(calls.map(c => `${c.status} ${c.route}`), ['400 /domain/{serviceName}', '200 /domain/{serviceName}'], 'refused once, then accepted')
  t.equal(sandbox.admin.calls({ path: '/auth/time' }).length, 2, 'one initial sync and one resync')
})

t.test('batch reads and typed errors against the sandbox', async t => {
  const { sandbox, baseUrl } = await startStandaloneSandbox(t)
  const transport = createOvhTransport({ baseUrl })
  t.teardown(() => transport.close())
  const client = transport.client({ ...sandbox.demo })
  const names = await client.get<string[]>('/domain')
  sandbox.admin.clearCalls()
  const results = await client.getBatch<{ domain: string }>('/domain/{serviceName}', [...names, 'nobody-has-this.com'])
  // One batch call: the id it could not read says "This service does not exist" as a bare string,
  // OVH's own 404 of a single read, so it is not read again.
  t.match(sandbox.admin.calls(), [{ batchSize: names.length + 1 }])
  t.equal(sandbox.admin.calls().length, 1)
  for (const name of names) t.match(results.get(name), { ok: true, value: { domain: name } })
  t.match(results.get('nobody-has-this.com'), { ok: false, error: { status: 404, errorClass: 'Client::NotFound', message: 'This service does not exist' } })

  const missing = await client.get('/domain/{serviceName}', { params: { serviceName: 'nobody-has-this.com' } }).catch(err => err)
  t.ok(missing instanceof OvhApiError)
  t.match(missing, { status: 404, errorClass: /^Client::NotFound/, queryId: /^EU\./, route: '/domain/{serviceName}' })

  const badKey = transport.client({ ...sandbox.demo, consumerKey: 'not-a-key' })
  t.match(await badKey.get('/domain').catch(err => err), { status: 403, errorCode: 'INVALID_CREDENTIAL' })
})
