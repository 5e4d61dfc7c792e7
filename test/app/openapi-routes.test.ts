// The OpenAPI document says what the routes do: a DELETE's 204, the margins the service accepts
// (from the schema it checks with), the fields of an inline owner contact, the answer of the
// incoming-transfer retry.
import t from 'tap'
import { build } from '../helper.js'
import { rest, seedUser } from '../support/fixtures.js'

t.test('the OpenAPI document of the price rules, orders and transfer routes', async t => {
  const ctx = await build(t)
  const spec = (await ctx.app.inject('/openapi.json')).json()
  const admin = await seedUser(ctx, { role: 'admin' })

  t.test('DELETE answers 204, documented so', async t => {
    for (const [path, method] of [['/v1/price-rules/{tld}', 'delete'], ['/v1/carts/{cartId}', 'delete'], ['/v1/carts/{cartId}/items/{itemId}', 'delete']]) {
      const responses = spec.paths[path][method].responses
      t.ok(responses['204'], `${method} ${path}: 204`)
      t.notOk(responses['200'], `${method} ${path}: no 200`)
      t.notOk(responses['204'].content, 'no body')
    }
    await rest(ctx, admin.apiKey, 'PUT', '/v1/price-rules/com', { marginType: 'fixed', marginValue: 1 })
    t.equal((await rest(ctx, admin.apiKey, 'DELETE', '/v1/price-rules/com')).statusCode, 204)
  })

  t.test('the margins are the ones the service checks', async t => {
    const body = spec.paths['/v1/price-rules/{tld}'].put.requestBody.content['application/json'].schema
    const byType = Object.fromEntries(body.oneOf.map((variant: any) => [variant.properties.marginType.enum[0], variant.properties.marginValue]))
    t.match(byType, { percent: { exclusiveMinimum: -100, maximum: 10_000 }, fixed: { minimum: -1_000_000, maximum: 1_000_000 } })
    const put = (rule: Record<string, unknown>) => rest(ctx, admin.apiKey, 'PUT', '/v1/price-rules/fr', rule)
    t.match(await put({ marginType: 'percent', marginValue: 10_001 }), { statusCode: 400, body: { fields: [{ field: 'marginValue', message: /at most 10000/ }] } })
    t.match(await put({ marginType: 'percent', marginValue: 10_000 }), { statusCode: 200, body: { marginValue: 10_000 } })
    t.match(await put({ marginType: 'fixed', marginValue: -150 }), { statusCode: 200, body: { marginValue: -150 } }, 'a fixed margin is not held to the percent floor')
    t.match(await put({ marginType: 'fixed', marginValue: 1_000_001 }), { statusCode: 400, body: { fields: [{ field: 'marginValue' }] } })
    t.match(await put({ marginType: 'markup', marginValue: 1 }), { statusCode: 400, body: { fields: [{ field: 'marginType' }] } })
  })

  t.test('an inline owner contact is described field by field', async t => {
    const body = spec.paths['/v1/orders/domain'].post.requestBody.content['application/json'].schema
    const contact = body.properties.owner.properties.contact
    t.match(contact, { type: 'object', additionalProperties: false, properties: { email: { anyOf: [{ type: 'string' }, { type: 'null' }] }, legalForm: Object, address: { anyOf: [{ properties: { country: Object } }, Object] } } })
    t.ok(spec.paths['/v1/domains/{name}/trade'].post.requestBody.content['application/json'].schema.properties.owner.properties.contact.properties.phone, 'the trade\'s new owner too')
  })

  t.test('the incoming-transfer retry answers the task', async t => {
    const schema = spec.paths['/v1/transfers/incoming/{taskId}/retry'].post.responses['200'].content['application/json'].schema
    t.match(schema.properties, { id: Object, function: Object, status: Object, canRelaunch: Object })
  })

  t.test('paying takes no body at all', async t => {
    t.match(spec.paths['/v1/orders/{orderId}/pay'].post.requestBody, { description: /without a body/ })
  })
})
