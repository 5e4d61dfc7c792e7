// What the last line of defence takes for a credential, and what it leaves alone: the text it
// scrubs is every log line, and error messages that may quote a client's input.
import t from 'tap'
import { redactSecretShapes } from '../../src/redaction/secret-shapes.js'
import { randomKey } from '../../src/sandbox/ids.js'

const API_KEY = 'ogw_0f1e2d3c4b5a6978_Zk3-q_8sVbN0aLx9TqWe1RtYuIoP2AsDfGhJkLzXcVb'

t.test('credentials are redacted wherever they stand in the text', async t => {
  const cases: Array<[string, string]> = [
    [API_KEY, '[redacted]'],
    [`key=${API_KEY.slice(0, 30)}, cut short`, 'key=[redacted], cut short'],
    [`"Authorization: Bearer ${API_KEY}"`, '"Authorization: Bearer [redacted]"'],
    ['bearer a.b.c-short1', 'bearer [redacted]'],
    ['ck MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1 as', 'ck [redacted] as'],
    ['$1$0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', '[redacted]'],
    ['sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'sha256 [redacted]'],
    ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', '[redacted].[redacted].[redacted]'],
    ['Unexpected token \'o\', "ogw_0f1e2d3c4b5a6978_Zk3-q_8s"... is not valid JSON', 'Unexpected token \'o\', "[redacted]"... is not valid JSON']
  ]
  for (const [text, expected] of cases) t.equal(redactSecretShapes(text), expected, text.slice(0, 40))
  t.equal(redactSecretShapes('at OverlappingFieldsCanBeMergedRule'), 'at [redacted]', 'a name of six capitalised words is taken for a key')
  // OVH's shape, drawn as the sandbox draws its keys.
  for (let i = 0; i < 20; i++) {
    const key = randomKey(32)
    t.equal(redactSecretShapes(`x ${key} y`), 'x [redacted] y', key)
  }
})

t.test('ids, names and messages the logs need are kept', async t => {
  for (const text of [
    'EU.ext-3.63ac85b6.10528.27b4f1fc-7be3-4da2-bdd0-ce044c421e61',
    '"reqId":"3f2a1b4c-9d8e-4f7a-b6c5-d4e3f2a1b0c9"',
    '"apiKeyPrefix":"ogw_0f1e2d3c4b5a6978"',
    'Field "companyNationalIdentificationNumber" of required type "String!" was not provided.',
    'autoPayWithPreferredPaymentMethod',
    'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND',
    '/srv/gateway/node_modules/graphql/validation/rules/NoUnusedFragmentsRule.js:42',
    'a-very-long-domain-name-for-a-small-bakery-in-lyon.fr',
    'trace 4bf92f3577b34da6a3ce929d0e0e4736',
    'the bearer of this key'
  ]) t.equal(redactSecretShapes(text), text, text)
})

t.test('the work is linear in the text, whatever it holds', async t => {
  // A body is at most 1 MiB; a quarter of it tells linear from quadratic (seconds, then hours).
  const size = 1 << 18
  for (const [name, unit] of [['runs just short of a key', `${'aB3'.repeat(10)}x.`], ['key prefixes', 'ogw_0f1e2d3c4b5a6978'], ['schemes', 'bearer '], ['signature starts', '$1$0a1b'], ['one long run', 'aB3']]) {
    const text = unit.repeat(Math.ceil(size / unit.length))
    const started = performance.now()
    redactSecretShapes(text)
    const ms = performance.now() - started
    t.ok(ms < 1_000, `256 KiB of ${name}: ${Math.round(ms)} ms`)
  }
})
