// Domain names checked before any OVH call; a bad one is echoed back bounded.
import t from 'tap'
import { normalizeDomainName } from '../../../src/modules/shared/domain-name.js'

t.test('normalises valid names', async t => {
  t.equal(normalizeDomainName(' Example.COM. '), 'example.com')
  t.equal(normalizeDomainName('bücher.de'), 'xn--bcher-kva.de')
})

t.test('a bad name is refused with a bounded echo', async t => {
  t.throws(() => normalizeDomainName('not a domain'), { code: 'BAD_USER_INPUT', message: '"not a domain" is not a valid domain name' })
  const huge = 'x'.repeat(100_000)
  const err = (() => { try { normalizeDomainName(huge, 'name') } catch (e) { return e as Error } })()
  t.match(err, { code: 'BAD_USER_INPUT', details: { fields: [{ field: 'name' }] } })
  t.ok(err!.message.length < 300, `the message stays short (${err!.message.length} characters)`)
  t.match(err!.message, /^"x{253}…" is not a valid domain name$/)
})
