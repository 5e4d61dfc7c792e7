// Which links to a zone file the gateway follows (src/modules/dns/zone-file.ts): the origin of the
// tenant's OVH endpoint, or OVH's own hosts over https; never another host, a credential in the
// URL or another scheme (what would let an answer make the gateway fetch an arbitrary URL).
import t from 'tap'
import { zoneFileLink } from '../../../src/modules/dns/zone-file.js'

const SANDBOX = 'http://127.0.0.1:3000/sandbox/1.0'
const OVH_EU = 'https://eu.api.ovh.com/1.0'

t.test('followed: the endpoint\'s own origin, and OVH\'s hosts over https', async t => {
  t.equal(zoneFileLink('http://127.0.0.1:3000/sandbox/files/zone-history/abc', SANDBOX).pathname, '/sandbox/files/zone-history/abc')
  t.ok(zoneFileLink('https://eu.api.ovh.com/1.0/files/x', OVH_EU))
  t.ok(zoneFileLink('https://storage.gra.cloud.ovh.net/v1/AUTH_x/zone/file.txt', OVH_EU))
  t.ok(zoneFileLink('https://ca.api.ovh.ca/x', OVH_EU))
  t.ok(zoneFileLink('https://api.us.ovhcloud.com/x', OVH_EU))
})

t.test('refused with a coded error: other hosts, schemes, credentials, garbage', async t => {
  for (const url of [
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:3001/sandbox/files/zone-history/abc',
    'http://storage.gra.cloud.ovh.net/file',
    'https://ovh.net.example.com/file',
    'https://evil-ovh.net/file',
    'https://user:pass@eu.api.ovh.com/file',
    'file:///etc/passwd',
    'not a url'
  ]) {
    t.throws(() => zoneFileLink(url, url.includes('3001') ? SANDBOX : OVH_EU), { code: 'UPSTREAM_UNAVAILABLE' }, url)
  }
})
