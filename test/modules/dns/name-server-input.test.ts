// Name servers, glue records and DS keys, checked without an app or a database. Asserts say which
// field is refused, never how the message is worded.
import t from 'tap'
import type { FieldError } from '../../../src/errors.js'
import { checkDsKeys, checkGlue, checkGlueHost, checkNameServers, DS_KEYS_MAX, NAME_SERVERS_MAX } from '../../../src/modules/dns/name-server-input.js'

const fieldsOf = (errors: FieldError[]): string[] => errors.map(error => error.field)

t.test('name servers are normalised; glue IPs only for servers inside the domain', async t => {
  const errors: FieldError[] = []
  const servers = checkNameServers([{ host: ' NS1.Example.com. ', ip: ' 192.0.2.53 ' }, { host: 'ns2.provider.net', ip: '' }, 'dns3.provider.net'], 'example.com', 'input.nameServers', errors, { min: 2 })
  t.same(errors, [])
  t.same(servers, [{ host: 'ns1.example.com', ip: '192.0.2.53' }, { host: 'ns2.provider.net' }, { host: 'dns3.provider.net' }])

  const refused: FieldError[] = []
  checkNameServers([
    { host: 'ns1.provider.net', ip: '192.0.2.1' },
    { host: 'ns1.example.com', ip: 'not-an-ip' },
    { host: '192.0.2.2' },
    { host: 'NS1.provider.net.' },
    'localhost'
  ], 'example.com', 'body.nameServers', refused, { min: 2 })
  t.same(fieldsOf(refused), [
    'body.nameServers[0].ip',
    'body.nameServers[1].ip',
    'body.nameServers[2].host',
    'body.nameServers[3].host',
    'body.nameServers[4]'
  ], 'glue outside the domain, a bad IP, an IP as host, a duplicate, a bare host without a dot')
})

t.test('how many name servers', async t => {
  const count = (n: number, options: { min: number, noneMeans?: string }): string[] => {
    const errors: FieldError[] = []
    checkNameServers(Array.from({ length: n }, (_, i) => `ns${i}.provider.net`), 'example.com', 'ns', errors, options)
    return fieldsOf(errors)
  }
  t.same(count(1, { min: 2 }), ['ns'], 'fewer than the minimum')
  t.same(count(2, { min: 2 }), [])
  t.same(count(NAME_SERVERS_MAX, { min: 2 }), [])
  t.same(count(NAME_SERVERS_MAX + 1, { min: 2 }), ['ns'], 'more than 13')
  t.same(count(0, { min: 2 }), ['ns'], 'none, when none means nothing')
  t.same(count(0, { min: 2, noneMeans: 'OVH\'s DNS' }), [], 'none, when none means OVH\'s DNS')
})

t.test('glue records', async t => {
  const errors: FieldError[] = []
  t.same(checkGlue({ host: 'NS1.example.com.', ips: [' 192.0.2.53', '2001:db8::53'] }, 'example.com', { host: 'host', ips: 'ips' }, errors), { host: 'ns1.example.com', ips: ['192.0.2.53', '2001:db8::53'] })
  t.same(errors, [])

  const outside: FieldError[] = []
  t.equal(checkGlueHost('ns1.provider.net', 'example.com', 'body.host', outside), 'ns1.provider.net')
  t.same(fieldsOf(outside), ['body.host'], 'a host outside the domain')
  const notHost: FieldError[] = []
  checkGlueHost('not a host', 'example.com', 'host', notHost)
  t.same(fieldsOf(notHost), ['host'])

  const bad: FieldError[] = []
  checkGlue({ host: 'ns1.example.com', ips: ['192.0.2.1', 'nope', '192.0.2.1'] }, 'example.com', { host: 'body.host', ips: 'body.ips' }, bad)
  t.same(fieldsOf(bad), ['body.ips[1]', 'body.ips'], 'a bad address, and one listed twice')
  const none: FieldError[] = []
  checkGlue({ host: 'ns1.example.com', ips: [] }, 'example.com', { host: 'host', ips: 'ips' }, none)
  t.same(fieldsOf(none), ['ips'])
})

t.test('DS keys', async t => {
  const key = { algorithm: 13, flags: 257, tag: 2371, publicKey: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0d\nxCjjnopKl+GqJxpVXckHAeF+KkxLbxIL' }
  const errors: FieldError[] = []
  t.same(checkDsKeys([key], 'input.keys', errors), [{ ...key, publicKey: key.publicKey.replace('\n', '') }], 'white space is taken out of the key')
  t.same(errors, [])

  const bad: FieldError[] = []
  checkDsKeys([{ algorithm: 6, flags: 1, tag: 70_000, publicKey: 'not base64!' }, { ...key, tag: 1.5, publicKey: 'abc' }], 'keys', bad)
  t.same(fieldsOf(bad), ['keys[0].algorithm', 'keys[0].flags', 'keys[0].tag', 'keys[0].publicKey', 'keys[1].tag', 'keys[1].publicKey'])
  const many: FieldError[] = []
  checkDsKeys(Array.from({ length: DS_KEYS_MAX + 1 }, () => key), 'keys', many)
  t.same(fieldsOf(many), ['keys'], 'at most 4 keys')
  const empty: FieldError[] = []
  t.same(checkDsKeys([], 'keys', empty), [], 'an empty list removes DNSSEC')
  t.same(empty, [])
})
