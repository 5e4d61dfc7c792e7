// URLs as logged, audited and answered: a credential in a path segment or a query parameter is
// redacted, by its shape under any name, or by the parameter's name whatever its shape.
import t from 'tap'
import { redactedPath, redactedUrl } from '../../src/redaction/urls.js'

const KEY = 'ogw_0f1e2d3c4b5a6978_Zk3-q_8sVbN0aLx9TqWe1RtYuIoP2AsDfGhJkLzXcVb'
const CK = 'MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1'
const percentEncoded = (text: string) => [...text].map(char => `%${char.charCodeAt(0).toString(16)}`).join('')

t.test('query parameters', async t => {
  const cases: Array<[string, string]> = [
    [`/v1/me?api_key=${KEY}`, '/v1/me?api_key=[redacted]'],
    [`/v1/domains?first=2&X-Weird.Name[0]=${KEY}&after=abc`, '/v1/domains?first=2&X-Weird.Name[0]=[redacted]&after=abc'],
    [`/v1/domains?q=Bearer%20${KEY}`, '/v1/domains?q=[redacted]'],
    [`/v1/domains?q=${percentEncoded(KEY)}`, '/v1/domains?q=[redacted]'],
    [`/v1/domains?${KEY}&first=1`, '/v1/domains?[redacted]&first=1'],
    [`/v1/domains?ck=${CK}`, '/v1/domains?ck=[redacted]'],
    ['/v1/domains?password=hunter2&token=abc&ck=1&nameContains=shop', '/v1/domains?password=[redacted]&token=[redacted]&ck=[redacted]&nameContains=shop'],
    ['/v1/domains?first=20&state=ok,expired&nameContains=shop', '/v1/domains?first=20&state=ok,expired&nameContains=shop'],
    ['/v1/domains?bad=%E0%A4%A', '/v1/domains?bad=%E0%A4%A']
  ]
  for (const [url, expected] of cases) t.equal(redactedUrl(url), expected, url.slice(0, 50))
})

t.test('path segments', async t => {
  t.equal(redactedPath(`/v1/${KEY}?api_key=${KEY}`), '/v1/[redacted]', 'the path alone')
  t.equal(redactedUrl(`/v1/credentials/${KEY}/callback?first=1`), '/v1/credentials/[redacted]/callback?first=1')
  t.equal(redactedPath(`/v1/tasks/${percentEncoded(CK)}`), '/v1/tasks/[redacted]')
  t.equal(redactedPath('/v1/domains/bücher.de/tasks/123'), '/v1/domains/bücher.de/tasks/123')
  t.equal(redactedPath('/v1/carts/4600405d-5970-46e3-acad-2976e2b5e957/items'), '/v1/carts/4600405d-5970-46e3-acad-2976e2b5e957/items', 'a UUID is an id')
})
