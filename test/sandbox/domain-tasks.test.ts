// Domain tasks in the sandbox: seeded states, the todo -> doing -> done|error lifecycle with sandbox
// time, flags consistent with the status, accelerate/cancel/relaunch refusals, arguments fixed then
// relaunched, filters, batch reads and tenant isolation.
import t from 'tap'
import { createDomainTask } from '../../src/sandbox/model/domain-tasks.js'
import type { DomainTaskState } from '../../src/sandbox/model/domain-tasks.js'
import { SEEDED_TRANSFER_AUTH_CODE } from '../../src/sandbox/seed/domain-tasks.js'
import { ovhCall, serveSandbox } from './helpers.js'
import type { Served } from './helpers.js'

const tasksOf = (served: Served): DomainTaskState[] => Object.values(served.sandbox.state.accounts[served.sandbox.demo.account].domainTasks)
const advance = (served: Served, seconds: number) => served.sandbox.admin.advanceClock({ seconds })

t.test('the demo account has tasks in several states and one failed transfer waiting for authInfo', async t => {
  const served = await serveSandbox(t)
  const ids: number[] = (await ovhCall(served, { path: '/me/task/domain' })).body
  t.equal(ids.length, 6)
  const tasks = await Promise.all(ids.map(async id => (await ovhCall(served, { path: `/me/task/domain/${id}` })).body))
  const byStatus = Object.fromEntries(tasks.map(task => [task.status, task]))
  t.same(Object.keys(byStatus).sort(), ['cancelled', 'doing', 'done', 'error', 'todo'])
  t.match(byStatus.todo, { canAccelerate: true, canCancel: true, canRelaunch: false })
  t.match(byStatus.doing, { canAccelerate: false, canCancel: false, canRelaunch: false })
  t.match(byStatus.done, { canAccelerate: false, canCancel: false, canRelaunch: false, doneDate: /^\d{4}-/ })
  t.match(byStatus.cancelled, { canAccelerate: false, canCancel: false, canRelaunch: false })

  const failed = tasks.filter(task => task.status === 'error')
  t.equal(failed.length, 1, 'exactly one task in error')
  t.match(failed[0], { function: 'DomainIncomingTransfer', domain: 'demo-moving.com', canRelaunch: true, canCancel: true, comment: /authInfo/ })
  t.same((await ovhCall(served, { path: `/me/task/domain/${failed[0].id}/argument` })).body, ['authInfo'])
  t.match((await ovhCall(served, { path: `/me/task/domain/${failed[0].id}/argument/authInfo` })).body, { key: 'authInfo', type: 'string', readOnly: false, value: 'old-code-1234' })
  t.notOk((await ovhCall(served, { path: '/domain' })).body.includes('demo-moving.com'), 'the domain is not on the account yet')
})

t.test('a failed incoming transfer is fixed by setting authInfo and relaunching', async t => {
  const served = await serveSandbox(t)
  const id = tasksOf(served).find(task => task.status === 'error')!.id
  t.equal((await ovhCall(served, { method: 'PUT', path: `/me/task/domain/${id}/argument/authInfo`, body: { value: 'still-wrong' } })).status, 200)
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/domain/${id}/relaunch` })).status, 200)
  t.match((await ovhCall(served, { path: `/me/task/domain/${id}` })).body, { status: 'todo', comment: null, canRelaunch: false })
  advance(served, 600)
  t.match((await ovhCall(served, { path: `/me/task/domain/${id}` })).body, { status: 'error', canRelaunch: true }, 'a wrong code fails again')
  t.equal((await ovhCall(served, { path: `/me/task/domain/${id}/argument/authInfo` })).body.value, 'still-wrong', 'the value set stays visible')

  await ovhCall(served, { method: 'PUT', path: `/me/task/domain/${id}/argument/authInfo`, body: { value: SEEDED_TRANSFER_AUTH_CODE } })
  await ovhCall(served, { method: 'POST', path: `/me/task/domain/${id}/relaunch` })
  advance(served, 30)
  t.match((await ovhCall(served, { path: `/me/task/domain/${id}/progressbar` })).body, { taskStatus: 'doing', progress: 50, currentStep: { step: 'registryRequest' } })
  advance(served, 600)
  t.match((await ovhCall(served, { path: `/me/task/domain/${id}` })).body, { status: 'done', doneDate: /^\d{4}-/ })
  t.match((await ovhCall(served, { path: `/me/task/domain/${id}/progressbar` })).body, { taskStatus: 'done', progress: 100, followUpSteps: [], taskActions: [] })
  t.ok((await ovhCall(served, { path: '/domain' })).body.includes('demo-moving.com'), 'the transferred domain joined the account')
  t.equal((await ovhCall(served, { path: '/domain/demo-moving.com/task?function=DomainIncomingTransfer' })).body[0], id, 'and its task is listed under it')
})

t.test('a new task goes todo -> doing -> done with sandbox time; accelerate starts it now', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const task = createDomainTask(sandbox, { account: sandbox.demo.account, domain: 'demo-shop.com', function: 'DomainLock' })
  const read = async () => (await ovhCall(served, { path: `/domain/demo-shop.com/task/${task.id}` })).body
  t.match(await read(), { status: 'todo', function: 'DomainLock', domain: 'demo-shop.com', doneDate: null })
  advance(served, 61)
  t.match(await read(), { status: 'doing', canCancel: false, canAccelerate: false })
  advance(served, 300)
  t.match(await read(), { status: 'done' })

  const other = createDomainTask(sandbox, { account: sandbox.demo.account, domain: 'demo-shop.com', function: 'DomainUnlock' })
  t.equal((await ovhCall(served, { method: 'POST', path: `/domain/demo-shop.com/task/${other.id}/accelerate` })).status, 200)
  t.match((await ovhCall(served, { path: `/me/task/domain/${other.id}` })).body, { status: 'doing' })
  advance(served, 31)
  t.match((await ovhCall(served, { path: `/me/task/domain/${other.id}` })).body, { status: 'done' })
})

t.test('actions the flags refuse are refused in OVH shape', async t => {
  const served = await serveSandbox(t)
  const tasks = tasksOf(served)
  const doing = tasks.find(task => task.status === 'doing')!
  const done = tasks.find(task => task.status === 'done')!
  const todo = tasks.find(task => task.status === 'todo')!
  const failed = tasks.find(task => task.status === 'error')!
  const post = (path: string) => ovhCall(served, { method: 'POST', path })

  const cancel = await post(`/me/task/domain/${doing.id}/cancel`)
  t.equal(cancel.status, 400)
  t.match(cancel.body, { class: 'Client::BadRequest', message: /can not be cancelled/ })
  t.equal((await post(`/me/task/domain/${done.id}/relaunch`)).status, 400)
  t.equal((await post(`/me/task/domain/${failed.id}/accelerate`)).status, 400)
  t.equal((await post(`/me/task/domain/${todo.id}/relaunch`)).status, 400)
  t.equal((await ovhCall(served, { method: 'PUT', path: `/me/task/domain/${done.id}/argument/authInfo`, body: { value: 'x' } })).status, 404, 'no such argument')

  // An argument with accepted values, and a read-only one.
  failed.arguments.legalForm = { key: 'legalForm', type: 'string', acceptedValues: ['corporation', 'individual'], readOnly: false }
  failed.arguments.domain = { key: 'domain', type: 'string', readOnly: true, value: failed.domain }
  const bad = await ovhCall(served, { method: 'PUT', path: `/me/task/domain/${failed.id}/argument/legalForm`, body: { value: 'company' } })
  t.equal(bad.status, 400)
  t.match(bad.body.message, /corporation, individual/)
  t.equal((await ovhCall(served, { method: 'PUT', path: `/me/task/domain/${failed.id}/argument/domain`, body: { value: 'x.com' } })).status, 400)
  t.equal((await ovhCall(served, { method: 'PUT', path: `/me/task/domain/${failed.id}/argument/legalForm`, body: { value: 'individual' } })).status, 200)

  t.equal((await post(`/me/task/domain/${todo.id}/cancel`)).status, 200)
  t.match((await ovhCall(served, { path: `/me/task/domain/${todo.id}` })).body, { status: 'cancelled', canCancel: false, canAccelerate: false })
  advance(served, 3 * 86_400)
  t.equal((await ovhCall(served, { path: `/me/task/domain/${todo.id}` })).body.status, 'cancelled', 'a cancelled task never starts')
})

t.test('filters, per-domain scope, batch reads and isolation', async t => {
  const served = await serveSandbox(t)
  const shop = tasksOf(served).filter(task => task.domain === 'demo-shop.com').map(task => task.id).sort()
  t.same((await ovhCall(served, { path: '/domain/demo-shop.com/task' })).body, shop)
  t.same((await ovhCall(served, { path: '/me/task/domain?domain=demo-shop.com' })).body, shop)
  t.equal((await ovhCall(served, { path: '/me/task/domain?status=doing&function=DomainDsUpdate' })).body.length, 1)
  t.same((await ovhCall(served, { path: '/me/task/domain?status=doing&function=DomainCreate' })).body, [])
  t.equal((await ovhCall(served, { path: '/me/task/domain?status=sleeping' })).status, 400, 'status is an enum')
  t.equal((await ovhCall(served, { path: '/me/task/domain?function=DomainNap' })).status, 400, 'function is an enum on /me')
  t.same((await ovhCall(served, { path: '/domain/demo-shop.com/task?function=DomainNap' })).body, [], 'but a plain string per domain')

  const other = tasksOf(served).find(task => task.domain !== 'demo-shop.com')!
  t.equal((await ovhCall(served, { path: `/domain/demo-shop.com/task/${other.id}` })).status, 404, 'a task of another domain')
  t.equal((await ovhCall(served, { method: 'POST', path: `/domain/demo-shop.com/task/${other.id}/cancel` })).status, 404)

  const batch = await ovhCall(served, { path: `/me/task/domain/${shop.join(',')},42`, headers: { 'x-ovh-batch': ',' } })
  t.same(batch.body.map((item: { key: string }) => item.key), [...shop.map(String), '42'])
  t.match(batch.body.at(-1), { value: null, error: /does not exist/ })

  const { consumerKey } = served.sandbox.admin.createAccount({ seed: 'demo' })
  const theirs: number[] = (await ovhCall(served, { path: '/me/task/domain', consumerKey })).body
  t.equal(theirs.length, 6)
  t.equal((await ovhCall(served, { path: `/me/task/domain/${shop[0]}`, consumerKey })).status, 404, 'another account cannot read ours')
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/domain/${shop[0]}/cancel`, consumerKey })).status, 404)
})
