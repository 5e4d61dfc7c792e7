import t from 'tap'
import { buildQuery, expandRoute, routePlaceholders, serializeBody } from '../../src/ovh/url.js'

t.test('expands placeholders with URL-encoded values', async t => {
  t.equal(expandRoute('/domain/{serviceName}/task/{id}', { serviceName: 'example.com', id: 42 }), '/domain/example.com/task/42')
  // A '/' inside a value must not create a new path segment (docs 2.3, IP blocks).
  t.equal(expandRoute('/ip/{ip}', { ip: '192.0.2.0/24' }), '/ip/192.0.2.0%2F24')
  t.equal(expandRoute('/me/contact/{id}', { id: 'a b?c#d' }), '/me/contact/a%20b%3Fc%23d')
  t.equal(expandRoute('/domain'), '/domain')
  t.equal(expandRoute('/domain/{serviceName}', {}, { serviceName: 'a.com,b.com' }), '/domain/a.com,b.com')
  t.same(routePlaceholders('/domain/zone/{zoneName}/record/{id}'), ['zoneName', 'id'])
  t.same(routePlaceholders('/domain'), [])
})

t.test('rejects missing or empty parameters and relative routes', async t => {
  t.throws(() => expandRoute('/domain/{serviceName}', {}), { message: /Missing path parameter "serviceName"/ })
  t.throws(() => expandRoute('/domain/{serviceName}', { serviceName: '' }), { message: /Empty path parameter/ })
  t.throws(() => expandRoute('domain', {}), { message: /must start with "\/"/ })
  t.throws(() => expandRoute('/domain?x=1', {}), { message: /must not contain "\?"/ })
  // An inherited property is not a parameter.
  t.throws(() => expandRoute('/x/{toString}', {}), { message: /Missing path parameter/ })
})

t.test('builds the query string in key order', async t => {
  t.equal(buildQuery(undefined), '')
  t.equal(buildQuery({}), '')
  t.equal(buildQuery({ a: null, b: undefined }), '')
  t.equal(
    buildQuery({ fieldType: 'A', subDomain: 'www', ttl: 60, dry: true, wet: false, gone: null, skip: undefined, tag: ['x', 'y z'] }),
    '?fieldType=A&subDomain=www&ttl=60&dry=true&wet=false&tag=x&tag=y%20z'
  )
  t.equal(buildQuery({ 'date.from': '2024-01-01T00:00:00+01:00' }), '?date.from=2024-01-01T00%3A00%3A00%2B01%3A00')
})

t.test('serialises a body once, in ASCII', async t => {
  t.equal(serializeBody(undefined), undefined)
  t.equal(serializeBody({ a: 1, b: [true, null] }), '{"a":1,"b":[true,null]}')
  t.equal(serializeBody('text'), '"text"')
  t.equal(serializeBody(null), 'null')
  t.equal(serializeBody({ city: 'Besançon', emoji: '😀' }), '{"city":"Besan\\u00e7on","emoji":"\\ud83d\\ude00"}')
  t.same(JSON.parse(serializeBody({ city: 'Besançon', emoji: '😀' }) as string), { city: 'Besançon', emoji: '😀' })
  t.throws(() => serializeBody(() => 1), { message: /not JSON-serialisable/ })
})
