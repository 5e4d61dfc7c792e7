// End customers from the CLI over the API's services: created (a duplicate reference refused),
// listed, given domains by reference, and a user limited to them and freed again.
import t from 'tap'
import { build } from '../helper.js'
import { cliBeside } from '../support/cli.js'

t.test('customer create, list and domains; user update --customers', async t => {
  const ctx = await build(t)
  const { cli } = cliBeside(ctx)
  t.equal((await cli('tenant:create', '--slug', 'shop', '--name', 'Shop', '--ovh-endpoint', 'ovh-eu',
    '--ovh-application-key', 'app-key', '--ovh-application-secret', 'app-secret')).code, 0)
  t.equal((await cli('user:create', '--tenant', 'shop', '--email', 'partner@shop.example', '--role', 'operator')).code, 0)

  const created = await cli('customer', 'create', '--tenant', 'shop', '--reference', 'C-42', '--name', 'Acme', '--email', 'Ops@Acme.example')
  t.equal(created.code, 0, created.stderr)
  t.match(created.json, { id: String, reference: 'C-42', name: 'Acme', email: 'ops@acme.example', domains: [] })
  const again = await cli('customer:create', '--tenant', 'shop', '--reference', 'C-42', '--name', 'Acme 2', '--email', 'b@acme.example')
  t.equal(again.code, 1)
  t.equal(again.json.error.code, 'CONFLICT', 'a reference names one customer')
  const missing = await cli('customer:create', '--tenant', 'shop', '--reference', 'C-43')
  t.equal(missing.json.error.code, 'BAD_USER_INPUT', 'name and email are required')

  const owned = await cli('customer:domains', '--tenant', 'shop', '--customer', 'C-42', '--domains', 'Acme.com, acme.fr')
  t.equal(owned.code, 0, owned.stderr)
  t.same(owned.json.domains.slice().sort(), ['acme.com', 'acme.fr'], 'by reference, names normalized')
  t.equal((await cli('customer:domains', '--tenant', 'shop', '--customer', 'C-99', '--domains', 'x.com')).json.error.code, 'BAD_USER_INPUT', 'an unknown customer')
  t.match((await cli('customer:list', '--tenant', 'shop')).json, [{ reference: 'C-42', domains: Array }])

  const limited = await cli('user:update', '--tenant', 'shop', '--email', 'partner@shop.example', '--customers', 'C-42')
  t.equal(limited.code, 0, limited.stderr)
  t.same(limited.json.customers, [created.json.id], 'limited to that customer')
  t.equal((await cli('user:update', '--tenant', 'shop', '--email', 'partner@shop.example', '--customers', 'C-99')).json.error.code, 'BAD_USER_INPUT')
  const freed = await cli('user:update', '--tenant', 'shop', '--email', 'partner@shop.example', '--customers', 'all')
  t.equal(freed.json.customers, null, 'the limit lifted')
  const audit = await ctx.db.auditEntry.findMany({ where: { operation: { startsWith: 'customer.' } }, orderBy: { createdAt: 'asc' } })
  t.same(audit.map(entry => entry.operation), ['customer.create', 'customer.domains.set'], 'in the audit trail, as through the API')
})
