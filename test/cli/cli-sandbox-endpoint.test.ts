// A production gateway with the sandbox mounted (SANDBOX=true, as docker-compose allows): the CLI,
// run beside it, reaches that sandbox through the gateway's own port for the `sandbox` endpoint.
import t from 'tap'
import { build } from '../helper.js'
import { cliBeside } from '../support/cli.js'

t.test('credential:request works against the sandbox mounted in a production gateway', async t => {
  const ctx = await build(t)
  const { cli } = cliBeside(ctx, { sandbox: true })
  const tenant = await cli('tenant:create', '--slug', 'demo-shop', '--name', 'Demo shop', '--ovh-endpoint', 'sandbox',
    '--ovh-application-key', ctx.sandbox.demo.applicationKey, '--ovh-application-secret', ctx.sandbox.demo.applicationSecret)
  t.equal(tenant.code, 0, tenant.stderr)
  t.equal((await cli('user:create', '--tenant', 'demo-shop', '--email', 'ops@demo.example', '--role', 'operator')).code, 0)
  const requested = await cli('credential:request', '--tenant', 'demo-shop', '--email', 'ops@demo.example')
  t.equal(requested.code, 0, requested.stderr)
  t.match(requested.json, { state: 'pendingValidation', validationUrl: /\/sandbox\/auth\/\?credentialToken=/ })
  t.ok(ctx.sandbox.admin.calls().some(call => call.method === 'POST' && call.route === '/auth/credential'), 'the mounted sandbox got the request')
})
