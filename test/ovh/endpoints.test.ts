import t from 'tap'
import { OVH_ENDPOINTS, isKnownEndpoint, resolveEndpoint } from '../../src/ovh/endpoints.js'

t.test('the endpoint table matches docs/OVH-API.md 1', async t => {
  t.same(OVH_ENDPOINTS, {
    'ovh-eu': 'https://eu.api.ovh.com/1.0',
    'ovh-ca': 'https://ca.api.ovh.com/1.0',
    'ovh-us': 'https://api.us.ovhcloud.com/1.0'
  })
  t.equal(resolveEndpoint('ovh-eu'), 'https://eu.api.ovh.com/1.0')
  t.equal(resolveEndpoint('ovh-ca'), 'https://ca.api.ovh.com/1.0')
  t.equal(resolveEndpoint('ovh-us'), 'https://api.us.ovhcloud.com/1.0')
  t.ok(isKnownEndpoint('ovh-eu'))
  t.notOk(isKnownEndpoint('kimsufi-eu'))
  // Not an own key: prototype names must not count as endpoints.
  t.notOk(isKnownEndpoint('toString'))
})

t.test('accepts any http(s) URL and strips trailing slashes', async t => {
  t.equal(resolveEndpoint('http://127.0.0.1:3000/sandbox/1.0'), 'http://127.0.0.1:3000/sandbox/1.0')
  t.equal(resolveEndpoint('http://127.0.0.1:3000/sandbox/1.0/'), 'http://127.0.0.1:3000/sandbox/1.0')
  t.equal(resolveEndpoint('https://eu.api.ovh.com/1.0//'), 'https://eu.api.ovh.com/1.0')
  t.equal(resolveEndpoint('http://localhost:8080'), 'http://localhost:8080')
  // The default port and host case are normalised: the text is part of every signature.
  t.equal(resolveEndpoint('HTTPS://EU.API.OVH.COM:443/1.0'), 'https://eu.api.ovh.com/1.0')
})

t.test('rejects anything else with a clear message', async t => {
  t.throws(() => resolveEndpoint('ovh-mars'), { message: /Unknown OVH endpoint "ovh-mars".*ovh-eu, ovh-ca, ovh-us/ })
  t.throws(() => resolveEndpoint(''), { message: /Unknown OVH endpoint/ })
  t.throws(() => resolveEndpoint('ftp://example.com/1.0'), { message: /Unsupported OVH endpoint protocol "ftp:"/ })
  t.throws(() => resolveEndpoint('file:///etc/passwd'), { message: /protocol/ })
  t.throws(() => resolveEndpoint('https://user:pass@eu.api.ovh.com/1.0'), { message: /must not carry credentials/ })
  t.throws(() => resolveEndpoint('https://eu.api.ovh.com/1.0?x=1'), { message: /query string/ })
  t.throws(() => resolveEndpoint('https://eu.api.ovh.com/1.0#frag'), { message: /fragment/ })
})
