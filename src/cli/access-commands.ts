// Access commands over the management API's own services (src/modules/access): changing a user
// (role, disabled, the customers they are limited to) and rotating the access tokens' signing key.
import { createSigningKeys } from '../modules/access/signing-keys.js'
import { signingKeysOptions } from '../modules/access/plugin.js'
import { cliAccessContext } from '../modules/access/context.js'
import { updateUser } from '../modules/access/users.js'
import { userByEmail } from '../admin/context.js'
import { badUserInput } from '../errors.js'
import { str, tenantOption, withAdmin, withTenant } from './command.js'
import { listOption } from './customer-commands.js'
import type { Command, Options } from './command.js'

function flag (options: Options, name: string): boolean | undefined {
  const value = str(options, name)
  if (value === undefined) return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  throw badUserInput(`--${name} is true or false`, [{ field: name, message: 'must be true or false' }])
}

export const accessCommands: Record<string, Command> = {
  'user:update': {
    help: 'Change a user: --role, --name, --disabled true|false (a disabled user\'s keys are refused; running gateways notice within AUTH_CACHE_TTL_MS), --customers ref1,ref2 (limit them to those customers) or --customers all (lift the limit)',
    options: {
      tenant: tenantOption,
      email: { type: 'string', help: 'user e-mail' },
      role: { type: 'string', help: 'admin | operator | viewer' },
      name: { type: 'string', help: 'display name' },
      disabled: { type: 'string', help: 'true disables the user, false enables them' },
      customers: { type: 'string', help: 'comma-separated customer ids or references, or all' }
    },
    run: (config, o, _p, io) => withTenant(config, io, o, async ctx => {
      const tenant = (await ctx.stores.tenants.findBySlug(str(o, 'tenant')!))!
      const user = await userByEmail(ctx, tenant, str(o, 'email') ?? '')
      const customers = str(o, 'customers') === undefined ? undefined : str(o, 'customers') === 'all' ? null : listOption(o, 'customers')
      return updateUser(cliAccessContext(ctx, tenant), user.id, { role: str(o, 'role') as never, name: str(o, 'name'), disabled: flag(o, 'disabled'), customers })
    })
  },
  'token-key:rotate': {
    help: 'Rotate the key that signs access tokens: a new key signs (within a minute on running gateways), the old one verifies until its tokens have expired',
    options: {},
    run: (config, _o, _p, io) => withAdmin(config, io, async ctx => {
      const keys = createSigningKeys(ctx.db, ctx.secrets, signingKeysOptions(config))
      return await keys.rotate()
    })
  }
}
