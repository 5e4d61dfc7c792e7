// One domain from the mirror, and live reads kept in it: the pieces the domains service puts
// together (src/modules/domains/service.ts) for domain(name) and for live lists.
import { gatewayError } from '../errors.js'
import type { OvhDomain } from '../modules/domains/schemas.js'
import type { Caller } from '../upstream/caller.js'
import { domainVisible } from './access.js'
import { keepDomains } from './domain-row.js'
import { ensureAccount } from './view.js'
import type { MirrorView } from './view.js'

/** Refuses, with no OVH call, a domain the key's access rules would not let it read live. */
export function checkDomainVisible (view: MirrorView, name: string): void {
  if (!domainVisible(view.access, name)) {
    throw gatewayError('FORBIDDEN', `your OVH consumer key's access rules do not allow reading ${name} (GET /domain/${name})`, { reason: 'ACCESS_RULES' })
  }
}

/** The mirrored domain, or null when the mirror does not hold its details. */
export async function findMirroredDomain (view: MirrorView, name: string): Promise<{ detail: OvhDomain, syncedAt: Date } | null> {
  if (view.account === null) return null
  const row = await view.reads.db.mirrorDomain.findFirst({
    where: { accountId: view.account.id, tenantId: view.scope.tenantId, name },
    select: { detail: true, syncedAt: true }
  })
  if (row === null || row.detail === null) return null
  return { detail: row.detail as unknown as OvhDomain, syncedAt: row.syncedAt }
}

/**
 * Keeps domains the caller just read live (read once and kept). Never fails the read: a write
 * that fails is logged, and the answer stands.
 */
export async function keepLiveDomains (caller: Caller, view: MirrorView, details: readonly OvhDomain[], readAt: Date): Promise<void> {
  if (details.length === 0) return
  try {
    const account = await ensureAccount(view)
    await keepDomains(view.reads.db, account, details, readAt)
  } catch (err) {
    caller.log.warn({ err }, 'could not keep live domain reads in the mirror')
  }
}
