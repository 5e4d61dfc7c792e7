// The REST serializer with real zod schemas: what it passes through and what it still refuses.
import t from 'tap'
import { z } from 'zod'
import { openEnumSerializerCompiler } from '../../src/open-enums/rest-serializer.js'

const Task = z.object({
  id: z.number(),
  function: z.enum(['DomainCreate', 'DomainRenew']),
  status: z.enum(['todo', 'done']).nullable()
})
const Page = z.object({ items: z.array(Task), total: z.number() })

function compile (schema: z.ZodType) {
  const reported: Array<[string, string]> = []
  const serialize = openEnumSerializerCompiler((where, value) => { reported.push([where, value]) })({ schema, method: 'GET', url: '/v1/tasks', httpStatus: '200' })
  return { serialize, reported }
}

t.test('new enum values deep in a page are passed through; fields the schema does not list are still dropped', async t => {
  const { serialize, reported } = compile(Page)
  const data = {
    items: [
      { id: 1, function: 'DomainCreate', status: 'done', internal: 'not for clients' },
      { id: 2, function: 'DomainFuture', status: 'waiting' }
    ],
    total: 2,
    secret: 'x'
  }
  t.same(JSON.parse(serialize(data)), {
    items: [{ id: 1, function: 'DomainCreate', status: 'done' }, { id: 2, function: 'DomainFuture', status: 'waiting' }],
    total: 2
  })
  t.same(reported, [['REST GET /v1/tasks items.[].function', 'DomainFuture'], ['REST GET /v1/tasks items.[].status', 'waiting']])
  t.equal(data.items[1].function, 'DomainFuture', 'the data itself is left as it was')
})

t.test('known values cost nothing more and report nothing', async t => {
  const { serialize, reported } = compile(Task)
  t.equal(serialize({ id: 3, function: 'DomainRenew', status: null }), '{"id":3,"function":"DomainRenew","status":null}')
  t.same(reported, [])
})

t.test('other mismatches still fail the answer, even beside a new enum value', async t => {
  const { serialize } = compile(Task)
  t.throws(() => serialize({ id: '3', function: 'DomainRenew', status: 'todo' }), { code: 'FST_ERR_RESPONSE_SERIALIZATION' })
  t.throws(() => serialize({ id: '3', function: 'DomainFuture', status: 'todo' }), { code: 'FST_ERR_RESPONSE_SERIALIZATION' })
  t.throws(() => serialize({ id: 3, function: 42, status: 'todo' }), { code: 'FST_ERR_RESPONSE_SERIALIZATION' }, 'a number is not an enum value')
})
