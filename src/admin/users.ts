// Creating users in a tenant.
import { z } from 'zod'
import { ROLES } from '../tenancy/roles.js'
import type { AdminContext } from './context.js'
import { conflictOnDuplicate, tenantBySlug } from './context.js'
import { parseInput } from './parse-input.js'

const UserInput = z.object({
  tenant: z.string().min(1),
  email: z.email(),
  name: z.string().max(200).optional(),
  role: z.enum(ROLES)
})

export async function createUser (ctx: AdminContext, raw: z.input<typeof UserInput>) {
  const input = parseInput(UserInput, raw)
  const tenant = await tenantBySlug(ctx, input.tenant)
  return ctx.stores.users.create({ tenantId: tenant.id, email: input.email, name: input.name, role: input.role })
    .catch(err => conflictOnDuplicate(err, `user "${input.email}" in tenant "${tenant.slug}"`))
}
