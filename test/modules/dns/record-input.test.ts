// DNS record input, checked without an app or a database: subdomains, TTLs and each record type's
// target. Asserts say which field is refused, never how the message is worded.
import t from 'tap'
import type { FieldError } from '../../../src/errors.js'
import { checkRecord, checkTtl, isHostname, normalizeSubDomain, targetProblem, TXT_STRING_MAX, TXT_TOTAL_MAX } from '../../../src/modules/dns/record-input.js'

const fieldsOf = (errors: FieldError[]): string[] => errors.map(error => error.field)

t.test('host names', async t => {
  for (const name of ['example.com', 'mx1.example.net.', '_dmarc.example.com', 'a-b.c', 'localhost']) t.ok(isHostname(name), name)
  for (const name of ['', '.', '-a.com', 'a-.com', 'a..com', '192.0.2.1', 'x'.repeat(64) + '.com', `${'a.'.repeat(127)}com`, 'sp ace.com']) t.notOk(isHostname(name), JSON.stringify(name))
})

t.test('subdomains are lower-cased, relative to the zone, with a wildcard only first', async t => {
  const errors: FieldError[] = []
  t.equal(normalizeSubDomain(undefined, 'example.com', 'sub', errors), '')
  t.equal(normalizeSubDomain(' @ ', 'example.com', 'sub', errors), '', '"@" is the apex')
  t.equal(normalizeSubDomain('WWW', 'example.com', 'sub', errors), 'www')
  t.equal(normalizeSubDomain('*.Shop', 'example.com', 'sub', errors), '*.shop')
  t.equal(normalizeSubDomain('_sip._tcp', 'example.com', 'sub', errors), '_sip._tcp')
  t.same(errors, [], 'all valid')

  for (const [input, why] of [
    ['www.example.com', 'the zone repeated'],
    ['example.com', 'the zone itself'],
    ['www.', 'absolute'],
    ['a..b', 'an empty label'],
    ['-www', 'a leading hyphen'],
    ['www.*', 'a wildcard that is not first'],
    ['ü', 'not a letter, digit, - or _'],
    [`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}`, 'longer than 253 with the zone']
  ]) {
    const refused: FieldError[] = []
    normalizeSubDomain(input, 'example.com', 'body.subDomain', refused)
    t.same(fieldsOf(refused), ['body.subDomain'], why)
  }
})

t.test('TTLs', async t => {
  const errors: FieldError[] = []
  for (const ttl of [undefined, null, 0, 60, 86_400]) checkTtl(ttl, 'ttl', errors)
  t.same(errors, [], 'absent, 0 (the zone default) and usual values pass')
  for (const ttl of [-1, 1.5, Number.MAX_SAFE_INTEGER]) {
    const refused: FieldError[] = []
    checkTtl(ttl, 'input.ttl', refused)
    t.same(fieldsOf(refused), ['input.ttl'], String(ttl))
  }
})

t.test('targets, per record type', async t => {
  const valid: Array<[Parameters<typeof targetProblem>[0], string, string?]> = [
    ['A', '192.0.2.1'],
    ['AAAA', '2001:db8::1'],
    ['CNAME', 'host.example.net.'],
    ['NS', 'ns1.example.net'],
    ['MX', '10 mx1.example.net.'],
    ['SRV', '0 5 5060 sip.example.net.', '_sip._tcp'],
    ['SRV', '0 0 0 .', '_imap._tcp'],
    ['CAA', '0 issue "letsencrypt.org"'],
    ['CAA', '128 iodef "mailto:security@example.com"'],
    ['SSHFP', '4 2 abcdef0123456789'],
    ['TLSA', '3 1 1 abcdef'],
    ['NAPTR', '100 10 "u" "E2U+sip" "!^.*$!sip:info@example.com!" .'],
    ['LOC', '52 22 23.000 N 4 53 32.000 E -2.00m'],
    ['TXT', 'hello world'],
    ['TXT', `"${'a'.repeat(TXT_STRING_MAX)}" "${'b'.repeat(TXT_STRING_MAX)}"`],
    ['TXT', '"say \\"hi\\""'],
    ['SPF', 'v=spf1 include:_spf.example.net ~all'],
    ['DMARC', 'v=DMARC1; p=none'],
    ['DKIM', 'v=DKIM1; k=rsa; p=MIGfMA0']
  ]
  for (const [type, target, sub] of valid) t.equal(targetProblem(type, target, sub ?? ''), null, `${type} ${target.slice(0, 40)}`)

  const invalid: Array<[Parameters<typeof targetProblem>[0], string, string?]> = [
    ['A', '2001:db8::1'],
    ['A', '256.0.0.1'],
    ['AAAA', '192.0.2.1'],
    ['CNAME', '192.0.2.1'],
    ['MX', 'mx1.example.net'],
    ['MX', '70000 mx1.example.net'],
    ['MX', '10 192.0.2.1'],
    ['SRV', '0 5 5060 sip.example.net', 'sip'],
    ['SRV', '0 5 99999 sip.example.net', '_sip._tcp'],
    ['SRV', '0 5 5060', '_sip._tcp'],
    ['SRV', '0 5 5060 192.0.2.1', '_sip._tcp'],
    ['CAA', '0 issue letsencrypt.org'],
    ['CAA', '256 issue "letsencrypt.org"'],
    ['CAA', '0 policy "x"'],
    ['CAA', '0 iodef "ftp://example.com"'],
    ['SSHFP', '5 2 abcdef'],
    ['TLSA', '4 1 1 abcdef'],
    ['NAPTR', '100 10 u E2U+sip x .'],
    ['LOC', 'somewhere'],
    ['TXT', 'x'.repeat(TXT_STRING_MAX + 1)],
    ['TXT', `"${'x'.repeat(TXT_STRING_MAX + 1)}"`],
    ['TXT', `"${'x'.repeat(TXT_TOTAL_MAX)}"`],
    ['TXT', 'line\nbreak'],
    ['TXT', 'half "quoted"'],
    ['TXT', '"unterminated'],
    ['SPF', 'include:_spf.example.net'],
    ['DMARC', 'p=none'],
    ['DKIM', 'v=DKIM1; k=rsa']
  ]
  for (const [type, target, sub] of invalid) t.type(targetProblem(type, target, sub ?? ''), 'string', `${type} ${JSON.stringify(target.slice(0, 40))}`)
})

t.test('a whole record: every problem on its own field, under the given path', async t => {
  const ok = checkRecord({ fieldType: 'MX', subDomain: 'Mail', target: ' 10 mx.example.net. ', ttl: 3600 }, 'example.com', 'input')
  t.same(ok, { record: { fieldType: 'MX', subDomain: 'mail', target: '10 mx.example.net.', ttl: 3600 }, errors: [] })
  t.equal(checkRecord({ fieldType: 'A', target: '192.0.2.1', ttl: null }, 'example.com', 'input').record.ttl, undefined, 'no TTL: the zone default')

  const bad = checkRecord({ fieldType: 'A', subDomain: 'www.example.com', target: 'nope', ttl: -5 }, 'example.com', 'body')
  t.same(fieldsOf(bad.errors).sort(), ['body.subDomain', 'body.target', 'body.ttl'])
  t.same(fieldsOf(checkRecord({ fieldType: 'TXT', target: '   ' }, 'example.com', 'body').errors), ['body.target'], 'an empty target')
  t.same(fieldsOf(checkRecord({ fieldType: 'CNAME', subDomain: '@', target: 'host.example.net.' }, 'example.com', 'input').errors), ['input.subDomain'], 'no CNAME on the apex')
})
