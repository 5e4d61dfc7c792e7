// End customers from the server's shell (`customer create`, `customer list`, `customer domains`)
// over the API's own services (src/modules/customers), so the checks, the audit trail and the
// answers are the same as POST /v1/customers and PUT /v1/customers/{id}/domains.
import { cliAccessContext } from '../modules/access/context.js'
import type { AccessContext } from '../modules/access/context.js'
import { createCustomer, customerIdsOf, listCustomers, setCustomerDomains } from '../modules/customers/service.js'
import { required, str, tenantOption, withTenant } from './command.js'
import type { CliContext, Command, Options } from './command.js'

/** A comma-separated option as a list; an empty value is an empty list. */
export function listOption (options: Options, name: string): string[] {
  return (str(options, name) ?? '').split(',').map(item => item.trim()).filter(Boolean)
}

async function accessOf (ctx: CliContext, options: Options): Promise<AccessContext> {
  const tenant = (await ctx.stores.tenants.findBySlug(str(options, 'tenant')!))!
  return cliAccessContext(ctx, tenant)
}

export const customerCommands: Record<string, Command> = {
  'customer:create': {
    help: 'Create an end customer of a tenant: --reference (the tenant\'s own id), --name, --email',
    options: {
      tenant: tenantOption,
      reference: { type: 'string', help: 'the tenant\'s own reference for the customer' },
      name: { type: 'string', help: 'the customer\'s name' },
      email: { type: 'string', help: 'the customer\'s contact e-mail' }
    },
    run: (config, o, _p, io) => withTenant(config, io, o, async ctx => {
      required(o, 'reference', 'name', 'email')
      return await createCustomer(await accessOf(ctx, o), { reference: str(o, 'reference')!, name: str(o, 'name')!, email: str(o, 'email')! })
    })
  },
  'customer:list': {
    help: 'The tenant\'s end customers, with their domains',
    options: { tenant: tenantOption },
    run: (config, o, _p, io) => withTenant(config, io, o, async ctx => await listCustomers(await accessOf(ctx, o)))
  },
  'customer:domains': {
    help: 'Set the domains a customer owns (replacing its list; a domain another customer owned moves): --customer <id or reference> --domains a.com,b.com ("" for none)',
    options: {
      tenant: tenantOption,
      customer: { type: 'string', help: 'the customer\'s id or reference' },
      domains: { type: 'string', help: 'comma-separated domain names' }
    },
    run: (config, o, _p, io) => withTenant(config, io, o, async ctx => {
      required(o, 'customer', 'domains')
      const access = await accessOf(ctx, o)
      const [id] = await customerIdsOf(access, [str(o, 'customer')!], 'customer')
      return await setCustomerDomains(access, id, listOption(o, 'domains'))
    })
  }
}
