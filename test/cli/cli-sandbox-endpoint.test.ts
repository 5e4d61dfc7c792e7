// A production gateway with the sandbox mounted (SANDBOX=true, as docker-compose allows): the CLI,
// run beside it, reaches that sandbox through the gateway's own port for the `sandbox` endpoint.
import t from 'tap'
import { build } from '../helper.js'
import { runCli } from '../support/cli.js'

t.test('credential:request works against the sandbox mounted in a production gateway', async t => {
  const ctx = await build(t)
  const env = {
    DATABASE_URL: ctx.config.databaseUrl!,
    GATEWAY_MASTER_KEY: ctx.config.masterKey!.toString('base64'),
    SANDBOX: 'true',
    OVH_ENDPOINT: 'sandbox',
    HOST: '0.0.0.0',
    PORT: new URL(ctx.baseUrl).port,
    LOG_LEVEL: 'warn'
  }
  const cli = (...args: string[]) => runCli([...args, '--json'], env)
  const tenant = await cli('tenant:create', '--slug', 'demo-shop', '--name', 'Demo shop', '--ovh-endpoint', 'sandbox',
    '--ovh-application-key', ctx.sandbox.demo.applicationKey, '--ovh-application-secret', ctx.sandbox.demo.applicationSecret)
  t.equal(tenant.code, 0, tenant.stderr)
  t.equal((await cli('user:create', '--tenant', 'demo-shop', '--email', 'ops@demo.example', '--role', 'operator')).code, 0)
  const requested = await cli('credential:request', '--tenant', 'demo-shop', '--email', 'ops@demo.example')
  t.equal(requested.code, 0, requested.stderr)
  t.match(requested.json, { state: 'pendingValidation', validationUrl: /\/sandbox\/auth\/\?credentialToken=/ })
  t.ok(ctx.sandbox.admin.calls().some(call => call.method === 'POST' && call.route === '/auth/credential'), 'the mounted sandbox got the request')
})
