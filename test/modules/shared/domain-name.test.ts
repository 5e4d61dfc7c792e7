// Domain names checked before any OVH call; a bad one is echoed back bounded.
import t from 'tap'
import { DOMAIN_NAME_PATTERN, DomainNameSchema, normalizeDomainName } from '../../../src/modules/shared/domain-name.js'

t.test('normalises valid names', async t => {
  t.equal(normalizeDomainName(' Example.COM. '), 'example.com')
  t.equal(normalizeDomainName('bücher.de'), 'xn--bcher-kva.de')
})

t.test('the document\'s pattern and the check agree', async t => {
  const pattern = new RegExp(DOMAIN_NAME_PATTERN)
  for (const name of ['example.com', 'Example.CO.UK', 'a-b.c-d.io', 'xn--bcher-kva.de', 'x1.ab']) {
    t.ok(pattern.test(name), `${name} matches`)
    t.equal(DomainNameSchema.parse(name), name.toLowerCase(), `${name} is taken`)
  }
  for (const name of ['0', 'com', 'example.c', '192.0.2.1', 'a.1com', '-a.com', 'a-.com', 'a..com', 'a_b.com', `${'a'.repeat(64)}.com`]) {
    t.notOk(pattern.test(name), `${name} does not match`)
    t.notOk(DomainNameSchema.safeParse(name).success, `${name} is refused`)
  }
  t.equal(DomainNameSchema.parse('Bücher.de.'), 'xn--bcher-kva.de', 'Unicode and a final dot, beyond the pattern, as its description says')
})

t.test('a bad name is refused with a bounded echo', async t => {
  t.throws(() => normalizeDomainName('not a domain'), { code: 'BAD_USER_INPUT', message: '"not a domain" is not a valid domain name' })
  const huge = 'x'.repeat(100_000)
  const err = (() => { try { normalizeDomainName(huge, 'name') } catch (e) { return e as Error } })()
  t.match(err, { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'name' }] } })
  t.ok(err!.message.length < 300, `the message stays short (${err!.message.length} characters)`)
  t.match(err!.message, /^"x{253}…" is not a valid domain name$/)
})
