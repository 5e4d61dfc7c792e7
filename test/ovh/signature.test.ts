import t from 'tap'
import { signRequest } from '../../src/ovh/signature.js'

// Vectors from docs/OVH-API.md 2.3 (AS=app-secret, CK=consumer-key, ts=1700000000).
const base = { applicationSecret: 'app-secret', consumerKey: 'consumer-key', timestamp: 1700000000 }

t.test('signs a GET with an empty body', async t => {
  t.equal(
    signRequest({ ...base, method: 'GET', url: 'https://eu.api.ovh.com/1.0/domain/example.com', body: '' }),
    '$1$f26711c95a8b3cf3671cb29ad422fb72c24c7117'
  )
})

t.test('signs a POST over the exact body text', async t => {
  const body = '{"fieldType":"A","subDomain":"www","target":"192.0.2.1","ttl":3600}'
  t.equal(
    signRequest({ ...base, method: 'POST', url: 'https://eu.api.ovh.com/1.0/domain/zone/example.com/record', body }),
    '$1$3495f24ff392078278ee1643d8d7104727cecbf1'
  )
})

t.test('upper-cases the method and changes with any signed part', async t => {
  const get = { ...base, method: 'GET', url: 'https://eu.api.ovh.com/1.0/domain/example.com', body: '' }
  t.equal(signRequest({ ...get, method: 'get' }), signRequest(get))
  t.not(signRequest({ ...get, url: get.url + '?x=1' }), signRequest(get))
  t.not(signRequest({ ...get, timestamp: 1700000001 }), signRequest(get))
  t.not(signRequest({ ...get, consumerKey: 'other' }), signRequest(get))
})
