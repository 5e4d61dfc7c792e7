// The browser origins a tenant's admins allow to call the API (CORS), besides the deployment's
// CORS_ORIGINS: a storefront at https://shop.example calling the gateway from the browser.
import { z } from 'zod'
import { isOrigin } from '../../config.js'
import { validateInput } from '../shared/validate.js'
import { audit } from './context.js'
import type { AccessContext } from './context.js'

const OriginsSchema = z.array(z.string().max(300).refine(isOrigin, 'must be an origin such as https://shop.example (scheme, host and port only)'))
  .max(50, 'at most 50 origins')
  .transform(list => [...new Set(list.map(origin => new URL(origin).origin))])

export interface CorsOriginsView {
  // The tenant's own list, which its admins set.
  origins: string[]
  // The deployment's (CORS_ORIGINS), allowed for every tenant.
  deploymentOrigins: string[]
}

// Told of every change, so this instance applies it at once (plugins/browser.ts).
export type OriginsChanged = () => void

export async function getCorsOrigins (ctx: AccessContext): Promise<CorsOriginsView> {
  const tenant = await ctx.admin.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { corsOrigins: true } })
  return { origins: tenant.corsOrigins, deploymentOrigins: ctx.admin.config.cors.origins }
}

/** Replaces the tenant's list (an empty list allows only the deployment's origins). */
export async function setCorsOrigins (ctx: AccessContext, origins: unknown, changed?: OriginsChanged): Promise<CorsOriginsView> {
  const valid = validateInput(OriginsSchema, origins, 'origins')
  await ctx.admin.db.tenant.update({ where: { id: ctx.tenant.id }, data: { corsOrigins: valid } })
  changed?.()
  audit(ctx, 'cors.set', { origins: valid.join(',') })
  return { origins: valid, deploymentOrigins: ctx.admin.config.cors.origins }
}
