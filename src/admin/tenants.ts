// Creating tenants (resellers) with their OVH endpoint and application.
import { z } from 'zod'
import { isValidOvhEndpoint } from '../config.js'
import { badUserInput } from '../errors.js'
import type { AdminContext } from './context.js'
import { conflictOnDuplicate } from './context.js'
import { parseInput } from './parse-input.js'

// nichandle.OvhSubsidiaryEnum (EU and CA)
export const OVH_SUBSIDIARIES = ['CZ', 'DE', 'ES', 'EU', 'FI', 'FR', 'GB', 'IE', 'IT', 'LT', 'MA', 'NL', 'PL', 'PT', 'SN', 'TN',
  'ASIA', 'AU', 'CA', 'IN', 'QC', 'SG', 'WE', 'WS'] as const

const TenantInput = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters'),
  name: z.string().min(1).max(200),
  ovhEndpoint: z.string().refine(isValidOvhEndpoint, 'ovh-eu, ovh-ca, ovh-us, sandbox or an http(s) URL').optional(),
  ovhApplicationKey: z.string().min(1).optional(),
  ovhApplicationSecret: z.string().min(1).optional(),
  ovhSubsidiary: z.enum(OVH_SUBSIDIARIES).default('FR')
})

export async function createTenant (ctx: AdminContext, raw: z.input<typeof TenantInput>) {
  const input = parseInput(TenantInput, raw)
  // The deployment's default OVH application applies unless the tenant brings its own.
  const ovhEndpoint = input.ovhEndpoint ?? ctx.config.ovh.endpoint
  const ovhApplicationKey = input.ovhApplicationKey ?? ctx.config.ovh.applicationKey
  const ovhApplicationSecret = input.ovhApplicationSecret ?? ctx.config.ovh.applicationSecret
  if (!ovhApplicationKey || !ovhApplicationSecret) {
    throw badUserInput('the tenant needs an OVH application', [
      { field: 'ovhApplicationKey', message: 'give it, or set OVH_APPLICATION_KEY and OVH_APPLICATION_SECRET for the deployment' }
    ])
  }
  if (ovhEndpoint === 'sandbox' && !ctx.config.sandbox) {
    throw badUserInput('the sandbox is not mounted', [{ field: 'ovhEndpoint', message: 'use "sandbox" only with SANDBOX=true' }])
  }
  return ctx.stores.tenants.create({ ...input, ovhEndpoint, ovhApplicationKey, ovhApplicationSecret })
    .catch(err => conflictOnDuplicate(err, `tenant "${input.slug}"`))
}
