// The environment of `npm run sandbox`, checked before anything starts.
import t from 'tap'
import { loadStandaloneConfig, StandaloneConfigError } from '../../src/sandbox/standalone-config.js'

t.test('defaults and values', async t => {
  t.same(loadStandaloneConfig({}), { port: 3001, host: '127.0.0.1', persistPath: undefined, seed: 'demo', extraDomains: 0, logLevel: 'warn' })
  t.same(loadStandaloneConfig({ PORT: '0', HOST: '::1', SANDBOX_STATE: '/tmp/s.json', SANDBOX_SEED: 'empty', SANDBOX_EXTRA_DOMAINS: '10000', LOG_LEVEL: 'info', OTHER: 'x' }),
    { port: 0, host: '::1', persistPath: '/tmp/s.json', seed: 'empty', extraDomains: 10_000, logLevel: 'info' })
  t.equal(loadStandaloneConfig({ SANDBOX_STATE: '', SANDBOX_EXTRA_DOMAINS: '' }).persistPath, undefined, 'empty is unset')
})

t.test('one message names every bad variable', async t => {
  const error = t.throws(() => loadStandaloneConfig({ PORT: 'http', SANDBOX_SEED: 'full', SANDBOX_EXTRA_DOMAINS: '300000' })) as StandaloneConfigError
  t.ok(error instanceof StandaloneConfigError)
  t.match(error.issues, [/^PORT: /, /^SANDBOX_SEED: /, /^SANDBOX_EXTRA_DOMAINS: /])
  t.match(error.message, /^Invalid sandbox configuration:\n {2}- PORT/)
  t.throws(() => loadStandaloneConfig({ SANDBOX_EXTRA_DOMAINS: '-5' }), /SANDBOX_EXTRA_DOMAINS/)
})
