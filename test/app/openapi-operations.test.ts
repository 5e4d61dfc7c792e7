// Every REST operation has a stable, unique operationId, set in its route's schema so that moving a
// path does not rename the client method, and documents its success answer.
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { build } from '../helper.js'
import { fromRoot } from '../support/paths.js'

type Json = any

const METHODS = ['get', 'post', 'put', 'delete', 'patch']
const listed = fromRoot('test', 'app', 'openapi-operations.txt')

function operations (doc: Json): Array<{ method: string, path: string, operation: Json }> {
  return Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    METHODS.filter(method => item[method]).map(method => ({ method, path, operation: item[method] })))
}

t.test('the operations of the OpenAPI document', async t => {
  const ctx = await build(t)
  const doc: Json = (await ctx.app.inject('/openapi.json')).json()
  const all = operations(doc)

  t.test('each has an operationId, camelCase and unique', async t => {
    const seen = new Map<string, string>()
    for (const { method, path, operation } of all) {
      const id = operation.operationId
      if (typeof id !== 'string' || !/^[a-z][a-zA-Z0-9]*$/.test(id)) t.fail(`${method} ${path}: operationId ${String(id)}`)
      else if (seen.has(id)) t.fail(`${method} ${path}: ${id} already names ${seen.get(id)}`)
      else seen.set(id, `${method} ${path}`)
    }
    t.equal(seen.size, all.length, `${all.length} operations`)
  })

  t.test('they are the ones clients were given (openapi-operations.txt)', async t => {
    const expected = (await readFile(listed, 'utf8')).split('\n').filter(line => line !== '' && !line.startsWith('#'))
    const actual = all.map(({ method, path, operation }) => `${method.toUpperCase()} ${path} ${operation.operationId}`)
    // Compared as sets: the list is sorted by path, the document follows registration order.
    t.same(actual.filter(line => !expected.includes(line)), [], 'operations not in the list: add them there')
    t.same(expected.filter(line => !actual.includes(line)), [], 'listed operations gone or renamed: clients break')
  })

  t.test('each documents a success answer', async t => {
    for (const { method, path, operation } of all) {
      if (!Object.keys(operation.responses).some(code => /^2\d\d$/.test(code))) t.fail(`${method} ${path}: no 2xx answer`)
    }
    t.match(doc.paths['/v1/domains/export.csv'].get.responses['200'], { content: { 'text/csv': { schema: { type: 'string' } } }, headers: { 'content-disposition': Object } })
    t.match(doc.paths['/v1/credentials/{id}/callback'].get.responses['200'], { content: { 'text/html': { schema: { type: 'string' } } } })
  })
})
