// The OVH client guard of users limited to customers, alone with a fake client: what it lets
// through, what it answers itself (no call made), and how it narrows OVH's account-wide lists.
import t from 'tap'
import { guardForCustomers } from '../../../src/modules/customers/ovh-guard.js'
import type { OvhClient } from '../../../src/ovh/index.js'
import type { Caller } from '../../../src/upstream/caller.js'

const OWN = ['a.com', 'b.fr']
const TASKS: Record<string, number[]> = { 'a.com': [1, 2], 'b.fr': [3], 'other.com': [9] }

function setup () {
  const calls: string[] = []
  const answer = (method: string, route: string, opts: any): unknown => {
    calls.push(`${method} ${route} ${JSON.stringify(opts?.params ?? {})} ${JSON.stringify(opts?.query ?? {})}`)
    if (route === '/domain') return ['a.com', 'b.fr', 'other.com']
    if (route === '/me/task/domain') return opts?.query?.domain ? TASKS[opts.query.domain] ?? [] : [1, 2, 3, 9]
    if (route === '/domain/{serviceName}/serviceInfos') return { serviceId: 77 }
    return { ok: true }
  }
  const client: OvhClient = {
    request: async (method, route, opts) => answer(method, route, opts) as any,
    get: async (route, opts) => answer('GET', route, opts) as any,
    post: async (route, opts) => answer('POST', route, opts) as any,
    put: async (route, opts) => answer('PUT', route, opts) as any,
    delete: async (route, opts) => answer('DELETE', route, opts) as any,
    batchCalls: () => 1,
    getBatch: async (route, ids) => new Map(ids.map(id => [id, { ok: true, value: answer('GET', route, { params: { id } }) }])) as any
  }
  const memos = new Map<string, unknown>()
  const caller = {
    customers: ['c1'],
    tenant: { id: 't1' },
    stores: { customers: { domainsOf: async () => OWN } },
    memo: (key: string, create: () => unknown) => { if (!memos.has(key)) memos.set(key, create()); return memos.get(key) }
  } as unknown as Caller
  return { calls, guarded: guardForCustomers(client, caller) }
}

t.test('another customer\'s domain or zone is OVH\'s 404, with no call', async t => {
  const { calls, guarded } = setup()
  await t.rejects(guarded.get('/domain/{serviceName}', { params: { serviceName: 'other.com' } }), { name: 'OvhApiError', status: 404 })
  await t.rejects(guarded.post('/domain/zone/{zoneName}/refresh', { params: { zoneName: 'OTHER.com' } }), { name: 'OvhApiError', status: 404 })
  await t.rejects(guarded.get('/me/task/domain', { query: { domain: 'other.com' } }), { name: 'OvhApiError', status: 404 })
  t.same(calls, [])
  t.same(await guarded.get('/domain/{serviceName}', { params: { serviceName: 'a.com' } }), { ok: true })
})

t.test('account-wide lists keep the caller\'s domains; tasks are read per domain', async t => {
  const { calls, guarded } = setup()
  t.same(await guarded.get('/domain'), ['a.com', 'b.fr'])
  t.same(await guarded.get('/me/task/domain'), [1, 2, 3])
  t.notOk(calls.some(call => call.includes('other.com')), 'no list of another customer\'s domain is asked for')
  t.same(await guarded.get('/me/task/domain/{id}', { params: { id: 3 } }), { ok: true })
  await t.rejects(guarded.get('/me/task/domain/{id}', { params: { id: 9 } }), { name: 'OvhApiError', status: 404 })
})

t.test('batch reads answer another customer\'s names one by one as not found', async t => {
  const { calls, guarded } = setup()
  const result = await guarded.getBatch('/domain/{serviceName}', ['a.com', 'other.com'])
  t.equal(result.get('a.com')?.ok, true)
  t.match(result.get('other.com'), { ok: false, error: { status: 404 } })
  t.equal(calls.length, 1)
})

t.test('services are reached through the caller\'s domains; the account\'s own objects are refused', async t => {
  const { calls, guarded } = setup()
  await t.rejects(guarded.get('/services/{serviceId}', { params: { serviceId: 77 } }), { name: 'OvhApiError', status: 404 })
  await guarded.get('/domain/{serviceName}/serviceInfos', { params: { serviceName: 'a.com' } })
  t.same(await guarded.get('/services/{serviceId}', { params: { serviceId: 77 } }), { ok: true })
  await t.rejects(guarded.post('/service/{serviceId}/renew', { params: { serviceId: 77 } }), { code: 'FORBIDDEN' })
  for (const route of ['/me/order', '/me/bill', '/me/contact', '/order/cart', '/me/payment/method']) {
    await t.rejects(guarded.get(route), { code: 'FORBIDDEN' }, route)
  }
  t.same(await guarded.get('/domain/extensions'), { ok: true }, 'reference data stays open')
  t.notOk(calls.some(call => /renew|\/me\/order|\/me\/bill|\/order\/cart/.test(call)))
})
