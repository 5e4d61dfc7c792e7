// Trademark SMD files end to end through the gateway (GraphQL and REST, on OVH's /domain/data/smd*
// in the sandbox): upload, list, read, replace, delete; input refused before OVH; roles; OVH's
// refusals; a user limited to customers kept off the reseller's files; the audit trail.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { customerWorld } from '../support/customers.js'
import { lastCallId } from '../support/sandbox.js'
import { sampleSmdFile } from '../../src/sandbox/model/smd-files.js'

const smd = (smdId: string, labels: string[], notAfter = '2099-01-01 00:00') =>
  sampleSmdFile({ marks: 'Acme Corp', smdId, labels, notBefore: '2026-01-01 00:00', notAfter })

t.test('SMD files', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (apiKey: string, query: string, variables?: Record<string, unknown>) => graphql(ctx, apiKey, query, variables)
  const FIELDS = 'id smdId notBefore notAfter protectedLabels { label trademark }'

  const added = await q(operator.apiKey, `mutation ($data: String!) { addSmdFile(data: $data) { ${FIELDS} } }`, { data: smd('0001-1', ['acme', 'acme-shop']) })
  t.equal(added.body.errors, undefined)
  const file = added.body.data.addSmdFile
  t.equal(Date.parse(file.notAfter), Date.parse('2099-01-01T00:00:00Z'))
  t.match(file, { smdId: '0001-1', protectedLabels: [{ label: 'acme', trademark: 'Acme Corp' }, { label: 'acme-shop', trademark: 'Acme Corp' }] })

  const posted = await rest(ctx, operator.apiKey, 'POST', '/v1/smd-files', { data: smd('0002-1', ['globex']) })
  t.match(posted, { statusCode: 201, body: { smdId: '0002-1', protectedLabels: [{ label: 'globex' }] } })

  t.test('reads, for every role', async t => {
    const list = await q(viewer.apiKey, `{ smdFiles { ${FIELDS} } }`)
    t.same(list.body.data.smdFiles.map((f: any) => f.smdId).sort(), ['0001-1', '0002-1'])
    t.match((await q(viewer.apiKey, 'query ($id: ID!) { smdFile(id: $id) { smdId data } }', { id: file.id })).body.data.smdFile, { smdId: '0001-1', data: smd('0001-1', ['acme', 'acme-shop']) })
    t.equal((await q(viewer.apiKey, '{ smdFile(id: "00000000-0000-4000-8000-000000000000") { smdId } }')).body.data.smdFile, null)
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/smd-files'), { statusCode: 200, body: { items: [{}, {}] } })
    t.match(await rest(ctx, viewer.apiKey, 'GET', `/v1/smd-files/${file.id}`), { statusCode: 200, body: { id: file.id } })
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/smd-files/00000000-0000-4000-8000-000000000000'), { statusCode: 404, body: { code: 'NOT_FOUND' } })
  })

  t.test('input refused before OVH; OVH\'s own refusals', async t => {
    const since = lastCallId(ctx.sandbox)
    t.match((await q(operator.apiKey, 'mutation { addSmdFile(data: "not base64!") { id } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'data' }] } }])
    t.match((await q(operator.apiKey, 'mutation { addSmdFile(data: "") { id } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
    t.match((await q(operator.apiKey, '{ smdFile(id: "1") { id } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'id' }] } }])
    t.match(await rest(ctx, operator.apiKey, 'POST', '/v1/smd-files', { data: 'A'.repeat(100_001) }), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'data' }] } })
    t.match(await rest(ctx, operator.apiKey, 'DELETE', '/v1/smd-files/nope'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'no call made')

    t.match((await q(operator.apiKey, 'mutation ($data: String!) { addSmdFile(data: $data) { id } }', { data: smd('0001-1', ['acme']) })).body.errors, [{ extensions: { code: 'CONFLICT' } }], 'the same mark twice')
    t.match((await q(operator.apiKey, 'mutation ($data: String!) { addSmdFile(data: $data) { id } }', { data: smd('0003-1', ['old'], '2020-01-01 00:00') })).body.errors, [{ extensions: { code: 'OVH_ERROR' } }], 'an expired file')
    t.match((await q(operator.apiKey, 'mutation { addSmdFile(data: "aGVsbG8=") { id } }')).body.errors, [{ extensions: { code: 'OVH_ERROR' } }], 'not an SMD file')
  })

  t.test('changes need the write role', async t => {
    const since = lastCallId(ctx.sandbox)
    t.match((await q(viewer.apiKey, 'mutation ($data: String!) { addSmdFile(data: $data) { id } }', { data: smd('0009-1', ['x']) })).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    t.match(await rest(ctx, viewer.apiKey, 'DELETE', `/v1/smd-files/${file.id}`), { statusCode: 403, body: { code: 'FORBIDDEN' } })
    t.same(ctx.sandbox.admin.calls({ since }), [])
  })

  t.test('replace and delete', async t => {
    const replaced = await rest(ctx, operator.apiKey, 'PUT', `/v1/smd-files/${file.id}`, { data: smd('0001-2', ['acme']) })
    t.match(replaced, { statusCode: 200, body: { id: file.id, smdId: '0001-2', protectedLabels: [{ label: 'acme' }] } })
    const deleted = await q(operator.apiKey, 'mutation ($id: ID!) { deleteSmdFile(id: $id) { deletedId } }', { id: file.id })
    t.same(deleted.body.data, { deleteSmdFile: { deletedId: file.id } })
    t.match(await rest(ctx, operator.apiKey, 'DELETE', `/v1/smd-files/${file.id}`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.same((await rest(ctx, operator.apiKey, 'GET', '/v1/smd-files')).body.items.map((f: any) => f.smdId), ['0002-1'])
    const deadline = Date.now() + 5000
    let operations: string[] = []
    while (Date.now() < deadline) {
      operations = (await ctx.db.auditEntry.findMany({ where: { tenantId: operator.tenant.id, outcome: 'ok' } })).map(entry => entry.operation)
      if (operations.includes('ovh DELETE /domain/data/smd/{smdId}')) break
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    for (const operation of ['ovh POST /domain/data/smd', 'ovh PUT /domain/data/smd/{smdId}', 'ovh DELETE /domain/data/smd/{smdId}']) t.ok(operations.includes(operation), `audited: ${operation}`)
  })
})

t.test('a user limited to customers does not reach the reseller\'s SMD files', async t => {
  const ctx = await build(t)
  const world = await customerWorld(ctx)
  await rest(ctx, world.admin.apiKey, 'POST', '/v1/smd-files', { data: smd('0005-1', ['initech']) })
  const since = lastCallId(ctx.sandbox)
  t.match(await rest(ctx, world.aUser.apiKey, 'GET', '/v1/smd-files'), { statusCode: 403, body: { code: 'FORBIDDEN' } })
  t.match((await graphql(ctx, world.aUser.apiKey, '{ smdFiles { smdId } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  t.match(await rest(ctx, world.aUser.apiKey, 'POST', '/v1/smd-files', { data: smd('0006-1', ['x']) }), { statusCode: 403 })
  t.same(ctx.sandbox.admin.calls({ since }), [], 'no OVH call')
})
