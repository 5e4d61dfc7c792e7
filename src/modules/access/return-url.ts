// The page of the tenant's own console where the consumer-key callback sends the user's browser
// once OVH is done with it (src/modules/account/callback-route.ts), with the outcome in its query.
// Set by the tenant's admins; without one the callback shows a plain page.
import { z } from 'zod'
import { validateInput } from '../shared/validate.js'
import { audit } from './context.js'
import type { AccessContext } from './context.js'

// Plain http only for this machine: a return page elsewhere must be https, or the outcome (and the
// user's session cookie with the tenant's console) would travel in clear.
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

function returnUrlProblem (value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'must be an absolute URL such as https://console.example/ovh-done'
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return 'must be https (http only for localhost)'
  // The outcome is added to the query: a fragment would hide it from the server, and credentials
  // in a URL end up in logs and browser histories.
  if (url.hash !== '') return 'must not have a #fragment'
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password'
  return null
}

const ReturnUrlSchema = z.string().max(2000, 'at most 2000 characters').superRefine((value, check) => {
  const problem = returnUrlProblem(value)
  if (problem !== null) check.addIssue({ code: 'custom', message: problem })
}).nullable()

export interface ReturnUrlView {
  // The page the callback redirects to, or null for the gateway's plain page.
  url: string | null
}

export async function getReturnUrl (ctx: AccessContext): Promise<ReturnUrlView> {
  const tenant = await ctx.admin.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { consumerKeyReturnUrl: true } })
  return { url: tenant.consumerKeyReturnUrl }
}

/** Sets the return page (null: none, the callback shows a plain page). */
export async function setReturnUrl (ctx: AccessContext, url: unknown): Promise<ReturnUrlView> {
  const valid = validateInput(ReturnUrlSchema, url, 'url')
  await ctx.admin.db.tenant.update({ where: { id: ctx.tenant.id }, data: { consumerKeyReturnUrl: valid } })
  audit(ctx, 'credential.returnurl.set', { url: valid })
  return { url: valid }
}
