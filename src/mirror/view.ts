// The part of the mirror one caller may read: the OVH account of the caller's own consumer key
// (tenant, endpoint, NIC), that account's mirror if there is one, and what the key's access rules
// let it see. Null when the mirror does not answer this caller: reads off, or a key the gateway
// could not use live either (missing, pending, expired: the live path then answers the coded
// error), or a key whose OVH account is not known yet.
import type { MirrorSyncState } from '../generated/prisma/client.js'
import type { Caller } from '../upstream/caller.js'
import { callerEndpoint } from '../modules/orders/ovh-scope.js'
import { domainAccessOf, rulesOf } from './access.js'
import { narrowRules } from '../modules/customers/scope.js'
import type { DomainAccess } from './access.js'
import type { AccessRule } from '../tenancy/access-rules.js'
import type { MirrorReads } from './reads-context.js'
import type { MirrorScope } from './refresh.js'

// The columns of MirrorAccountRow, as every read of it selects them.
export const ACCOUNT_COLUMNS = { id: true, tenantId: true, state: true, lastListAt: true, lastActivityAt: true } as const

export interface MirrorAccountRow {
  id: string
  tenantId: string
  state: MirrorSyncState
  lastListAt: Date | null
  lastActivityAt: Date | null
}

export interface MirrorView {
  reads: MirrorReads
  scope: MirrorScope
  // Null until the sync (or a kept live read) created the account's mirror.
  account: MirrorAccountRow | null
  rules: AccessRule[]
  access: DomainAccess
}

export function mirrorViewOf (caller: Caller): Promise<MirrorView | null> {
  return caller.memo('mirror.view', async () => {
    const reads = caller.mirror
    if (!reads?.enabled) return null
    const credential = await caller.credential()
    if (credential === null || credential.state !== 'validated' || credential.ovhAccount === null) return null
    if (credential.expiresAt !== null && credential.expiresAt <= new Date()) return null
    const scope: MirrorScope = { tenantId: caller.tenant.id, ovhEndpoint: callerEndpoint(caller), ovhAccount: credential.ovhAccount }
    const account = await reads.account(scope)
    // A user limited to customers reads as a key naming only their domains would (customers/scope.ts).
    const rules = await narrowRules(caller, rulesOf(credential.accessRules))
    return { reads, scope, account, rules, access: domainAccessOf(rules) }
  })
}

/** The account's mirror row, created when a live read is the first thing kept for it. */
export async function ensureAccount (view: MirrorView): Promise<MirrorAccountRow> {
  if (view.account !== null) return view.account
  view.account = await view.reads.db.mirrorAccount.upsert({
    where: { tenantId_ovhEndpoint_ovhAccount: view.scope },
    create: view.scope,
    update: {},
    select: ACCOUNT_COLUMNS
  })
  return view.account
}

/** Whether the account's first full sync is complete: lists, counts and exports then answer from it. */
export function portfolioReady (view: MirrorView | null): view is MirrorView & { account: MirrorAccountRow } {
  return view?.account?.state === 'ready'
}

/**
 * Whether task and order lists answer from the mirror: the first sync is complete and an activity
 * run has read every new and open task and order (it runs beside the domains' first sync, and
 * reads at most a few batches per run).
 */
export function activityReady (view: MirrorView | null): view is MirrorView & { account: MirrorAccountRow } {
  return portfolioReady(view) && view.account.lastActivityAt !== null
}
