// The outcome of a write through the gateway that OVH accepted at once (a PUT answered 2xx, no
// task), applied to the mirrored row right away with its events in the same transaction (the
// transactional outbox): the write's event exists when the gateway answers, instead of when the
// mirror reads the domain again (a refresh queued behind the others, which lost the changes flipped
// back before it ran). The write-through refresh still runs: it compares OVH's object with this
// row, finds nothing new, and records nothing twice. Writes OVH answers with a task (name servers,
// owner, lock...) are not certain yet: their tasks' events and the refresh say what happened.
import type { Db } from '../db/client.js'
import { TX_OPTIONS } from './context.js'
import type { RecordChanges } from './context.js'
import { diffDomain } from './diff.js'
import type { DomainChange, DomainColumns } from './diff.js'
import type { ChangeOrigin, MirrorScope } from './refresh.js'

/**
 * The columns a write is known to have set, from the stored ones (under the row's lock), or null
 * when the stored row leaves the outcome uncertain. Each column is also a field of OVH's object,
 * kept in `detail` under the same name.
 */
export type DomainOutcome = (stored: DomainColumns) => Partial<Pick<DomainColumns, 'renewalState'>> | null

/**
 * Applies `outcome` to the domain's row and records its changes as events of `origin`. Answers
 * the changes, or null when nothing was applied (no mirror of that account, a domain never read,
 * an uncertain outcome): the refresh then finds the change, as before.
 */
export async function applyDomainOutcome (db: Db, scope: MirrorScope, domain: string, outcome: DomainOutcome, origin: ChangeOrigin, recordChanges: RecordChanges, at: Date): Promise<DomainChange[] | null> {
  return await db.$transaction(async tx => {
    const account = await tx.mirrorAccount.findUnique({ where: { tenantId_ovhEndpoint_ovhAccount: scope } })
    if (account === null) return null
    // Locked until the commit: a refresh applying its read of this domain (apply-domains.ts) waits,
    // then compares with the row this leaves.
    const locked = await tx.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM "MirrorDomain" WHERE "accountId" = ${account.id}::uuid AND name = ${domain} FOR UPDATE`
    if (locked.length === 0) return null
    const stored = await tx.mirrorDomain.findUnique({ where: { accountId_name: { accountId: account.id, name: domain } } })
    // A row only listed so far has nothing to compare with: its first read says what it is.
    if (stored === null || stored.detail === null || typeof stored.detail !== 'object' || Array.isArray(stored.detail)) return null
    const columns = outcome(stored)
    if (columns === null) return null
    const changes = diffDomain(domain, stored, { ...stored, ...columns })
    if (changes.length === 0) return changes
    await tx.mirrorDomain.update({
      where: { accountId_name: { accountId: account.id, name: domain } },
      data: {
        ...columns,
        detail: { ...stored.detail, ...columns },
        // Newer than any read begun before the write: such a read, applied later, is older than
        // this row and is not applied over it (apply-domains.ts, domain-row.ts keepDomains).
        syncedAt: stored.syncedAt > at ? stored.syncedAt : at
      }
    })
    await recordChanges(tx, account, changes, new Map([[`domain:${domain}`, origin]]))
    return changes
  }, TX_OPTIONS)
}
