import t from 'tap'
import type { Test } from 'tap'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigError, loadConfig } from '../src/config.js'
import { MAX_SECRET_FILE_BYTES } from '../src/secret-env-files.js'

const KEY_HEX = 'a'.repeat(64)
const KEY_B64 = Buffer.alloc(32, 7).toString('base64')

t.test('no environment at all is zero-configuration mode', async t => {
  const config = loadConfig({})
  t.equal(config.mode, 'zero-config')
  t.equal(config.port, 3000)
  t.equal(config.host, '127.0.0.1', 'zero-config stays on loopback')
  t.equal(config.sandbox, true)
  t.equal(config.graphiql, true)
  t.equal(config.ovh.endpoint, 'sandbox')
  t.equal(config.dataDir, '.data')
  t.equal(config.databaseUrl, undefined)
})

t.test('production mode needs a master key, and defaults differ', async t => {
  const config = loadConfig({ DATABASE_URL: 'postgresql://db/gw', GATEWAY_MASTER_KEY: KEY_HEX })
  t.equal(config.mode, 'production')
  t.equal(config.host, '0.0.0.0')
  t.equal(config.sandbox, false, 'no sandbox unless asked for')
  t.equal(config.graphiql, false)
  t.equal(config.ovh.endpoint, 'ovh-eu')
  t.same(config.masterKey, Buffer.from(KEY_HEX, 'hex'))
  t.same(loadConfig({ DATABASE_URL: 'postgres://db/gw', GATEWAY_MASTER_KEY: KEY_B64 }).masterKey, Buffer.alloc(32, 7))
})

t.test('one message names every missing or bad variable', async t => {
  let error: unknown
  try {
    loadConfig({ DATABASE_URL: 'postgresql://db/gw', PORT: 'eighty', LOG_LEVEL: 'loud', OVH_ENDPOINT: 'ovh-mars', OVH_APPLICATION_KEY: 'ak', SANDBOX: 'maybe', REDIS_URL: 'http://cache:6379' })
  } catch (err) {
    error = err
  }
  t.ok(error instanceof ConfigError)
  const message = (error as ConfigError).message
  for (const variable of ['GATEWAY_MASTER_KEY', 'PORT', 'LOG_LEVEL', 'OVH_ENDPOINT', 'OVH_APPLICATION_SECRET', 'SANDBOX', 'REDIS_URL']) {
    t.match(message, variable, `names ${variable}`)
  }
  t.match(message, 'REDIS_URL: must be a redis:// or rediss:// URL')
  t.equal((error as ConfigError).issues.length, 7)
})

t.test('rejects a master key that is not 32 bytes, without echoing it', async t => {
  const secret = 'short-secret-value'
  const error = (() => {
    try {
      loadConfig({ DATABASE_URL: 'postgresql://db/gw', GATEWAY_MASTER_KEY: secret })
    } catch (err) {
      return err as Error
    }
  })()
  t.match(error?.message, /GATEWAY_MASTER_KEY: must be 32 bytes/)
  t.notMatch(error?.message, secret)
})

t.test('accepts every documented OVH endpoint form and empty variables as unset', async t => {
  for (const endpoint of ['ovh-eu', 'ovh-ca', 'ovh-us', 'sandbox', 'https://eu.api.ovh.com/1.0', 'http://127.0.0.1:3001/1.0']) {
    t.equal(loadConfig({ OVH_ENDPOINT: endpoint }).ovh.endpoint, endpoint)
  }
  t.throws(() => loadConfig({ OVH_ENDPOINT: 'ftp://example.com' }), /OVH_ENDPOINT/)
  t.equal(loadConfig({ PORT: '', SANDBOX: 'off', PUBLIC_URL: 'https://gw.example.com/' }).port, 3000)
  t.equal(loadConfig({ SANDBOX: 'off' }).sandbox, false)
  t.equal(loadConfig({ PUBLIC_URL: 'https://gw.example.com/' }).publicUrl, 'https://gw.example.com')
})

t.test('the default OVH endpoint follows the sandbox, and `sandbox` needs it mounted', async t => {
  const withoutSandbox = loadConfig({ SANDBOX: 'false' })
  t.equal(withoutSandbox.mode, 'zero-config')
  t.equal(withoutSandbox.sandbox, false)
  t.equal(withoutSandbox.ovh.endpoint, 'ovh-eu', 'zero-config without the sandbox defaults to OVH')
  t.equal(loadConfig({ SANDBOX: 'true' }).ovh.endpoint, 'sandbox')
  t.throws(() => loadConfig({ SANDBOX: 'off', OVH_ENDPOINT: 'sandbox' }), { name: 'ConfigError', message: /OVH_ENDPOINT: `sandbox` needs the sandbox mounted in this process \(SANDBOX=true\)/ })
  t.throws(() => loadConfig({ DATABASE_URL: 'postgresql://db/gw', GATEWAY_MASTER_KEY: KEY_HEX, OVH_ENDPOINT: 'sandbox' }), /OVH_ENDPOINT: `sandbox` needs/, 'production mounts no sandbox unless asked')
  t.equal(loadConfig({ DATABASE_URL: 'postgresql://db/gw', GATEWAY_MASTER_KEY: KEY_HEX, SANDBOX: 'true', OVH_ENDPOINT: 'sandbox' }).ovh.endpoint, 'sandbox')
  // Reported with every other problem, in the one message.
  const error = (() => { try { loadConfig({ SANDBOX: 'no', OVH_ENDPOINT: 'sandbox', PORT: 'x' }) } catch (err) { return err as ConfigError } })()
  t.equal(error?.issues.length, 2)
})

t.test('the master key can be optional (database commands)', async t => {
  const config = loadConfig({ DATABASE_URL: 'postgresql://db/gw' }, { masterKey: 'optional' })
  t.equal(config.mode, 'production')
  t.equal(config.masterKey, undefined)
  t.throws(() => loadConfig({ DATABASE_URL: 'postgresql://db/gw' }), /GATEWAY_MASTER_KEY: is required/)
})

t.test('GraphQL limits: defaults, and bounds that keep GraphiQL\'s schema query possible', async t => {
  t.same(loadConfig({}).graphql, { maxDepth: 10, maxFields: 500, maxTokens: 1000, maxCost: 5000, persistedQueries: 1000 })
  t.equal(loadConfig({ GRAPHQL_MAX_TOKENS: '5000' }).graphql.maxTokens, 5000)
  // GraphiQL's introspection query is about 180 tokens.
  for (const value of ['100', '0', 'many', '1000000']) {
    t.throws(() => loadConfig({ GRAPHQL_MAX_TOKENS: value }), { message: /GRAPHQL_MAX_TOKENS/ }, `GRAPHQL_MAX_TOKENS=${value}`)
  }
})

function issuesOf (env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.issues
    throw error
  }
  return []
}

t.test('SANDBOX_EXTRA_DOMAINS: a bounded number, for the sandbox mounted in this process', async t => {
  t.equal(loadConfig({}).sandboxExtraDomains, 0)
  t.equal(loadConfig({ SANDBOX_EXTRA_DOMAINS: '100000' }).sandboxExtraDomains, 100_000)
  t.equal(loadConfig({ SANDBOX_EXTRA_DOMAINS: '' }).sandboxExtraDomains, 0, 'empty is unset')
  for (const value of ['-1', '200001', '1.5', 'many']) {
    t.match(issuesOf({ SANDBOX_EXTRA_DOMAINS: value }), [/^SANDBOX_EXTRA_DOMAINS: /], value)
  }
  const production = { DATABASE_URL: 'postgresql://db/gw', GATEWAY_MASTER_KEY: KEY_HEX }
  t.match(issuesOf({ ...production, SANDBOX_EXTRA_DOMAINS: '10' }), [/^SANDBOX_EXTRA_DOMAINS: needs the sandbox mounted/])
  t.match(issuesOf({ SANDBOX: 'false', SANDBOX_EXTRA_DOMAINS: '10' }), [/^SANDBOX_EXTRA_DOMAINS: needs the sandbox mounted/])
  t.equal(loadConfig({ ...production, SANDBOX_EXTRA_DOMAINS: '0' }).sandboxExtraDomains, 0, '0 asks for nothing')
  t.equal(loadConfig({ ...production, SANDBOX: 'true', SANDBOX_EXTRA_DOMAINS: '10' }).sandboxExtraDomains, 10)
})

// Secrets mounted as files (Docker and Kubernetes secrets), in a folder removed after the test.
async function secretDir (t: Test): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gateway-secrets-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function secretFile (t: Test, content: string): Promise<string> {
  const file = path.join(await secretDir(t), 'secret')
  await writeFile(file, content, { mode: 0o600 })
  return file
}

t.test('every secret variable can come from X_FILE, one trailing newline removed', async t => {
  const config = loadConfig({
    DATABASE_URL_FILE: await secretFile(t, 'postgresql://gw:p%40ss@db/gw\n'),
    GATEWAY_MASTER_KEY_FILE: await secretFile(t, `${KEY_B64}\n`),
    GATEWAY_PREVIOUS_MASTER_KEY_FILE: await secretFile(t, KEY_HEX),
    OVH_APPLICATION_KEY: 'ak',
    OVH_APPLICATION_SECRET_FILE: await secretFile(t, 'a secret ending in a space \r\n'),
    REDIS_URL_FILE: await secretFile(t, 'redis://:pw@cache:6379\n')
  })
  t.equal(config.mode, 'production', 'DATABASE_URL_FILE is production mode like DATABASE_URL')
  t.equal(config.databaseUrl, 'postgresql://gw:p%40ss@db/gw')
  t.same(config.masterKey, Buffer.alloc(32, 7))
  t.same(config.previousMasterKey, Buffer.from(KEY_HEX, 'hex'))
  t.equal(config.ovh.applicationSecret, 'a secret ending in a space ', 'only the newline goes')
  t.equal(config.redisUrl, 'redis://:pw@cache:6379')
  t.equal(loadConfig({ DATABASE_URL_FILE: '', GATEWAY_MASTER_KEY: KEY_HEX }).mode, 'zero-config', 'an empty X_FILE is unset')
})

t.test('X and X_FILE both set are refused, naming them', async t => {
  const file = await secretFile(t, KEY_HEX)
  t.same(issuesOf({ DATABASE_URL: 'postgresql://db/gw', GATEWAY_MASTER_KEY: KEY_HEX, GATEWAY_MASTER_KEY_FILE: file }),
    ['GATEWAY_MASTER_KEY_FILE: give GATEWAY_MASTER_KEY or GATEWAY_MASTER_KEY_FILE, not both'])
})

t.test('a secret file that cannot be read is a CONFIG error naming the variable, never the value', async t => {
  const dir = await secretDir(t)
  const missing = path.join(dir, 'absent')
  const secret = 'redis://:s3cr3t-password@cache:6379'
  const tooBig = await secretFile(t, 'x'.repeat(MAX_SECRET_FILE_BYTES + 1))
  const empty = await secretFile(t, '\n')
  let error: unknown
  try {
    loadConfig({
      DATABASE_URL: 'postgresql://db/gw',
      GATEWAY_MASTER_KEY_FILE: missing,
      OVH_APPLICATION_KEY: 'ak',
      OVH_APPLICATION_SECRET_FILE: dir,
      REDIS_URL_FILE: await secretFile(t, secret.replace('redis', 'http')),
      GATEWAY_PREVIOUS_MASTER_KEY_FILE: tooBig
    })
  } catch (err) {
    error = err
  }
  t.ok(error instanceof ConfigError)
  const config = error as ConfigError
  t.equal(config.code, 'CONFIG')
  t.same(config.issues.sort(), [
    `GATEWAY_MASTER_KEY_FILE: cannot read ${JSON.stringify(missing)} (ENOENT)`,
    `GATEWAY_PREVIOUS_MASTER_KEY_FILE: ${JSON.stringify(tooBig)} is larger than ${MAX_SECRET_FILE_BYTES} bytes`,
    `OVH_APPLICATION_SECRET_FILE: ${JSON.stringify(dir)} is not a file`,
    'REDIS_URL: must be a redis:// or rediss:// URL'
  ], 'a missing file is not reported again as a missing GATEWAY_MASTER_KEY, nor its OVH secret as missing')
  t.notMatch(config.message, 's3cr3t', 'a bad value read from a file is not echoed')
  t.same(issuesOf({ DATABASE_URL_FILE: empty, GATEWAY_MASTER_KEY: KEY_HEX }), [`DATABASE_URL_FILE: ${JSON.stringify(empty)} is empty`])
  if (process.getuid?.() !== 0) {
    const unreadable = await secretFile(t, KEY_HEX)
    await chmod(unreadable, 0o000)
    t.same(issuesOf({ DATABASE_URL: 'postgresql://db/gw', GATEWAY_MASTER_KEY_FILE: unreadable }), [`GATEWAY_MASTER_KEY_FILE: cannot read ${JSON.stringify(unreadable)} (EACCES)`])
  }
})

t.test('tracing: on with an OTLP endpoint, off otherwise', async t => {
  t.same(loadConfig({}).tracing, { enabled: false, tracesUrl: undefined, serviceName: 'ovh-reseller-gateway', sampler: 'parentbased_always_on', samplerRatio: 1 })
  const base = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_SERVICE_NAME: 'gw-eu', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).tracing
  t.same(base, { enabled: true, tracesUrl: 'http://collector:4318/v1/traces', serviceName: 'gw-eu', sampler: 'parentbased_traceidratio', samplerRatio: 0.25 }, 'the signal path is appended to the base URL')
  t.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/traces' }).tracing.tracesUrl, 'https://b/traces', 'the per-signal URL wins, as given')
  t.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_SDK_DISABLED: 'true' }).tracing.enabled, false, 'OTEL_SDK_DISABLED turns it off')
  t.throws(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://a:4317' }), /OTEL_EXPORTER_OTLP_ENDPOINT/)
  t.throws(() => loadConfig({ OTEL_TRACES_SAMPLER: 'jaeger_remote' }), /OTEL_TRACES_SAMPLER/)
  t.throws(() => loadConfig({ OTEL_TRACES_SAMPLER_ARG: '2' }), /OTEL_TRACES_SAMPLER_ARG/)
})
