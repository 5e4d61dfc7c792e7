// Domain tasks through GraphQL and REST: connections filtered and paginated, upstream budgets,
// details with progress bar and arguments, actions refused from the task's own flags without
// calling OVH, arguments checked before OVH, and a failed transfer fixed and relaunched until done.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { addDomains, lastCallId } from '../support/sandbox.js'
import { createDomainTask } from '../../src/sandbox/model/domain-tasks.js'
import type { DomainTaskState } from '../../src/sandbox/model/domain-tasks.js'
import { SEEDED_TRANSFER_AUTH_CODE } from '../../src/sandbox/seed/domain-tasks.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

const TASK = 'id function domain status comment creationDate todoDate lastUpdate doneDate canAccelerate canCancel canRelaunch'

function seeded (ctx: TestApp, where: (task: DomainTaskState) => boolean): DomainTaskState {
  const task = Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domainTasks).find(where)
  if (task === undefined) throw new Error('no such seeded task')
  return task
}

t.test('task connections', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const all = Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domainTasks).map(task => task.id).sort((a, b) => b - a)

  t.test('page through every task, newest first, for one list call and one batch read per page', async t => {
    const seen: string[] = []
    let after: string | null = null
    for (let page = 0; page < 5; page++) {
      const since = lastCallId(ctx.sandbox)
      const answer: any = await graphql(ctx, user.apiKey, `query ($after: String) { domainTasks(first: 4, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { ${TASK} } } } }`, { after })
      const { edges, pageInfo, totalCount } = answer.body.data.domainTasks
      t.equal(totalCount, all.length)
      t.equal(pageInfo.hasPreviousPage, page > 0)
      seen.push(...edges.map((edge: any) => edge.node.id))
      t.match(ctx.sandbox.admin.calls({ since }), [{ route: '/me/task/domain' }, { route: '/me/task/domain/{id}', batchSize: edges.length }])
      t.equal(ctx.sandbox.admin.calls({ since }).length, 2)
      if (!pageInfo.hasNextPage) break
      after = pageInfo.endCursor
    }
    t.same(seen, all.map(String))
  })

  t.test('filters by status, function and domain, in GraphQL and REST', async t => {
    const pending = await graphql(ctx, user.apiKey, '{ domainTasks(filter: { status: [todo, doing] }) { totalCount edges { node { status function } } } }')
    t.same(pending.body.data.domainTasks.edges.map((e: any) => e.node.status).sort(), ['doing', 'todo'])
    const transfer = await graphql(ctx, user.apiKey, '{ domainTasks(filter: { function: DomainIncomingTransfer, status: [error] }) { edges { node { domain comment canRelaunch } } } }')
    t.match(transfer.body.data.domainTasks.edges, [{ node: { domain: 'demo-moving.com', comment: /authInfo/, canRelaunch: true } }])
    const shop = await graphql(ctx, user.apiKey, '{ domainTasks(filter: { domain: "DEMO-SHOP.COM" }) { totalCount } }')
    t.equal(shop.body.data.domainTasks.totalCount, 2)

    const restPage = await rest(ctx, user.apiKey, 'GET', '/v1/tasks?status=todo,doing&first=1')
    t.equal(restPage.statusCode, 200)
    t.equal(restPage.body.items.length, 1)
    t.equal(restPage.body.totalCount, 2)
    t.equal(restPage.body.pageInfo.hasNextPage, true)
    const perDomain = await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com/tasks?function=DomainDsUpdate')
    t.match(perDomain.body, { totalCount: 1, items: [{ function: 'DomainDsUpdate', status: 'doing' }] })
    const domainCalls = ctx.sandbox.admin.calls().slice(-2)
    t.match(domainCalls, [{ route: '/domain/{serviceName}/task' }, { route: '/domain/{serviceName}/task/{id}' }], 'per-domain routes for one domain')

    const domainCursor = (await graphql(ctx, user.apiKey, '{ domains(first: 1) { pageInfo { endCursor } } }')).body.data.domains.pageInfo.endCursor
    const since = lastCallId(ctx.sandbox)
    t.match((await graphql(ctx, user.apiKey, `{ domainTasks(after: "${domainCursor}") { totalCount } }`)).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } }], 'a cursor of another list')
    t.match((await graphql(ctx, user.apiKey, '{ domainTasks(filter: { status: [sleeping] }) { totalCount } }')).body.errors, [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])
    t.match((await graphql(ctx, user.apiKey, '{ domainTasks(filter: { domain: "not a domain" }) { totalCount } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'filter.domain' }] } }])
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/tasks?status=sleeping')).body, { code: 'BAD_USER_INPUT' })
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/tasks?after=bm9wZQ')).body, { code: 'BAD_USER_INPUT' })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'bad input never reaches OVH')

    // Domain.tasks checks its cursor before any task list: only the domains are read.
    const listSince = lastCallId(ctx.sandbox)
    const answer = await graphql(ctx, user.apiKey, `{ domains(first: 3) { edges { node { tasks(after: "${domainCursor}") { totalCount } } } } }`)
    t.match(answer.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } }])
    t.same(ctx.sandbox.admin.calls({ since: listSince }).map(call => call.route), ['/domain', '/domain/{serviceName}'], 'no task list was read')
  })

  t.test('details with progress bar and the arguments to fix', async t => {
    const transfer = seeded(ctx, task => task.status === 'error')
    const answer = await graphql(ctx, user.apiKey, `{ domainTask(id: "${transfer.id}") {
      ${TASK}
      progressBar { progress taskStatus taskActions currentStep { step description executionDuration } followUpSteps { step } expectedDoneDate }
      arguments { key type value description acceptedValues acceptedFormats fields minimumSize maximumSize readOnly template }
    } }`)
    t.match(answer.body.data.domainTask, {
      id: String(transfer.id),
      function: 'DomainIncomingTransfer',
      status: 'error',
      progressBar: { progress: 50, taskStatus: 'error', taskActions: ['canCancel', 'canCorrect', 'canRelaunch'], currentStep: { step: 'registryRequest' } },
      // The wrong code the transfer was given is still an auth code: shown to no caller.
      arguments: [{ key: 'authInfo', type: 'string', value: '[redacted]', readOnly: false, acceptedValues: null }]
    })
    t.notOk(JSON.stringify(answer.body).includes('old-code-1234'), 'the auth code is in no answer')
    t.equal((await graphql(ctx, user.apiKey, '{ domainTask(id: "1") { id } }')).body.data.domainTask, null)
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/tasks/${transfer.id}/progress`)).body, { progress: 50, taskStatus: 'error' })
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/tasks/${transfer.id}/arguments`)).body, [{ key: 'authInfo', value: '[redacted]' }])
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/tasks/${transfer.id}/arguments/authInfo`)).body, { key: 'authInfo', value: '[redacted]', minimumSize: 1, maximumSize: 255 })
    const viewer = await seedUser(ctx, { slug: user.tenant.slug, role: 'viewer', scopes: 'read' })
    t.match((await rest(ctx, viewer.apiKey, 'GET', `/v1/tasks/${transfer.id}/arguments/authInfo`)).body, { key: 'authInfo', value: '[redacted]' }, 'a viewer does not read it either')
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/tasks/${transfer.id}/arguments/nothing`)).body, { code: 'NOT_FOUND' })
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/tasks/1')).body, { code: 'NOT_FOUND' })
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/domains/demo-blog.net/tasks/${transfer.id}`)).body, { code: 'NOT_FOUND' }, 'a task of another domain')
  })
})

t.test('accelerate, cancel and relaunch are refused from the task\'s flags without calling OVH', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const doing = seeded(ctx, task => task.status === 'doing')
  const done = seeded(ctx, task => task.status === 'done')
  const todo = seeded(ctx, task => task.status === 'todo')

  const since = lastCallId(ctx.sandbox)
  const cancel = await graphql(ctx, user.apiKey, `mutation { cancelDomainTask(id: "${doing.id}") { id } }`)
  t.match(cancel.body.errors, [{ message: /cannot be cancelled/, extensions: { code: 'CONFLICT', reason: 'TASK_NOT_CANCELABLE', task: { id: doing.id, status: 'doing', canCancel: false } } }])
  t.match((await graphql(ctx, user.apiKey, `mutation { relaunchDomainTask(id: "${done.id}") { id } }`)).body.errors, [{ extensions: { code: 'CONFLICT', reason: 'TASK_NOT_RELAUNCHABLE' } }])
  const restRefusal = await rest(ctx, user.apiKey, 'POST', `/v1/tasks/${doing.id}/accelerate`)
  t.equal(restRefusal.statusCode, 409)
  t.match(restRefusal.body, { code: 'CONFLICT', reason: 'TASK_NOT_ACCELERATEABLE' })
  t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET'), [], 'no action reached OVH')

  const accelerated = await rest(ctx, user.apiKey, 'POST', `/v1/domains/demo-blog.net/tasks/${todo.id}/accelerate`)
  t.equal(accelerated.statusCode, 200)
  t.match(accelerated.body, { id: todo.id, status: 'doing', canAccelerate: false, canCancel: false })
  t.match(ctx.sandbox.admin.calls({ since }).filter(call => call.method === 'POST'), [{ route: '/domain/{serviceName}/task/{id}/accelerate' }])

  const other = createDomainTask(ctx.sandbox, { account: ctx.sandbox.demo.account, domain: 'demo-shop.com', function: 'DomainRenew' })
  const cancelled = await graphql(ctx, user.apiKey, `mutation { cancelDomainTask(id: "${other.id}") { id status canCancel } }`)
  t.same(cancelled.body.data.cancelDomainTask, { id: String(other.id), status: 'cancelled', canCancel: false })
  t.match((await graphql(ctx, user.apiKey, 'mutation { cancelDomainTask(id: "1") { id } }')).body.errors, [{ extensions: { code: 'NOT_FOUND' } }])
  t.match((await graphql(ctx, user.apiKey, 'mutation { cancelDomainTask(id: "abc") { id } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])

  const viewer = await seedUser(ctx, { role: 'viewer' })
  t.match((await graphql(ctx, viewer.apiKey, `mutation { relaunchDomainTask(id: "${done.id}") { id } }`)).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  t.equal((await graphql(ctx, viewer.apiKey, `{ domainTask(id: "${done.id}") { status } }`)).body.data.domainTask.status, 'done', 'a viewer still reads')
})

t.test('arguments are checked against what OVH says of them before OVH sees a value', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const failed = createDomainTask(ctx.sandbox, { account: ctx.sandbox.demo.account, domain: 'demo-boulangerie.fr', function: 'DomainCreate' })
  failed.status = 'error'
  failed.comment = 'AFNIC needs the legal form of the owner'
  failed.arguments.legalForm = { key: 'legalForm', type: 'string', description: 'Legal form of the owner', acceptedValues: ['association', 'corporation', 'individual'], fields: ['legalForm'], readOnly: false, value: null }
  failed.arguments.domain = { key: 'domain', type: 'string', readOnly: true, value: 'demo-boulangerie.fr' }
  failed.arguments.legitimacyAfnic = { key: 'legitimacyAfnic', type: 'document', description: 'Proof of legitimacy', acceptedFormats: ['pdf', 'png'], readOnly: false, value: null }
  const set = (key: string, value: string) => graphql(ctx, user.apiKey, 'mutation ($id: ID!, $key: String!, $value: String!) { setDomainTaskArgument(id: $id, key: $key, value: $value) { key value acceptedValues } }', { id: String(failed.id), key, value })

  const since = lastCallId(ctx.sandbox)
  const outside = await set('legalForm', 'company')
  t.match(outside.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'value', message: 'must be one of: association, corporation, individual' }] } }])
  t.match((await set('domain', 'other.fr')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'value', message: /read-only/ }] } }])
  t.match((await set('nothing', 'x')).body.errors, [{ extensions: { code: 'NOT_FOUND' } }])
  const transfer = seeded(ctx, task => task.function === 'DomainIncomingTransfer')
  t.match((await rest(ctx, user.apiKey, 'PUT', `/v1/tasks/${transfer.id}/arguments/authInfo`, { value: '' })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'value', message: /at least 1/ }] })
  t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method === 'PUT'), [], 'no PUT reached OVH')
  // How a value names a document is not documented by OVH: the gateway leaves it to OVH.
  t.match((await set('legitimacyAfnic', '/me/document/9f0c2a')).body.data.setDomainTaskArgument, { key: 'legitimacyAfnic', value: '/me/document/9f0c2a' }, 'a document argument is not held to a file extension')

  t.same((await set('legalForm', 'corporation')).body.data.setDomainTaskArgument, { key: 'legalForm', value: 'corporation', acceptedValues: ['association', 'corporation', 'individual'] })
  failed.status = 'done'
  t.match((await set('legalForm', 'individual')).body.errors, [{ extensions: { code: 'CONFLICT', reason: 'TASK_NOT_IN_ERROR' } }], 'only a task in error waits for a correction')
})

t.test('a failed incoming transfer is fixed by setting authInfo and relaunching until done', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const transfer = seeded(ctx, task => task.function === 'DomainIncomingTransfer')
  const id = String(transfer.id)
  const fix = (value: string) => graphql(ctx, user.apiKey, `mutation { setDomainTaskArgument(id: "${id}", key: "authInfo", value: "${value}") { value } relaunchDomainTask(id: "${id}") { status canRelaunch } }`)
  const status = async () => (await graphql(ctx, user.apiKey, `{ domainTask(id: "${id}") { status comment progressBar { progress } } }`)).body.data.domainTask

  t.same((await fix('still-wrong')).body.data, { setDomainTaskArgument: { value: '[redacted]' }, relaunchDomainTask: { status: 'todo', canRelaunch: false } })
  t.match(Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domainTasks).find(task => task.id === transfer.id)!.arguments.authInfo, { value: 'still-wrong' }, 'the code set reached OVH')
  ctx.sandbox.admin.advanceClock({ seconds: 600 })
  t.match(await status(), { status: 'error', comment: /authInfo/ }, 'a wrong code fails again')

  t.same((await fix(SEEDED_TRANSFER_AUTH_CODE)).body.data.relaunchDomainTask, { status: 'todo', canRelaunch: false })
  ctx.sandbox.admin.advanceClock({ seconds: 30 })
  t.match(await status(), { status: 'doing', progressBar: { progress: 50 } })
  ctx.sandbox.admin.advanceClock({ seconds: 600 })
  t.match(await status(), { status: 'done', comment: null, progressBar: { progress: 100 } })
  const domain = await graphql(ctx, user.apiKey, '{ domain(name: "demo-moving.com") { name state tasks { totalCount edges { node { function status } } } } }')
  t.same(domain.body.data.domain, { name: 'demo-moving.com', state: 'ok', tasks: { totalCount: 1, edges: [{ node: { function: 'DomainIncomingTransfer', status: 'done' } }] } })
})

t.test('pending tasks of a page of 50 domains cost a few calls, not one per domain', async t => {
  const ctx = freshSandbox(shared)
  const names = addDomains(ctx.sandbox, ctx.sandbox.demo.account, 40)
  for (const name of names.slice(0, 30)) createDomainTask(ctx.sandbox, { account: ctx.sandbox.demo.account, domain: name, function: 'DomainRenew' })
  const user = await seedUser(ctx)
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, '{ domains(first: 50) { edges { node { name expirationDate tasks(filter: { status: [todo, doing] }) { totalCount edges { node { function status } } } } } } }')
  t.equal(answer.statusCode, 200)
  const nodes = answer.body.data.domains.edges.map((e: any) => e.node)
  t.equal(nodes.length, 50)
  t.equal(nodes.filter((n: any) => n.name.startsWith('bulk-')).filter((n: any) => n.tasks.totalCount === 1).length, 30)
  t.same(nodes.find((n: any) => n.name === 'demo-blog.net').tasks.edges, [{ node: { function: 'DomainRenew', status: 'todo' } }])
  const calls = ctx.sandbox.admin.calls({ since })
  t.same(calls.map(call => call.route), ['/domain', '/domain/{serviceName}', '/me/task/domain', '/me/task/domain', '/me/task/domain/{id}'],
    'the domains, two status lists and one batch read of the 32 pending tasks')
  t.equal(calls.at(-1)?.batchSize, 32)
})
