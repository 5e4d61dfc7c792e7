// The start-up check that the configured master keys open the secrets stored in the database.
// Without it, a gateway started with the wrong key (the old one after `master-key:rotate`, a lost
// master.key) passes its readiness probe and then fails every call that needs a secret. It reads the
// id of the key each stored secret names instead of opening them all: one query, a few rows.
import path from 'node:path'
import { keyIdOf, SecretBoxError } from '../crypto/secret-box.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Config } from '../config.js'
import type { Db } from '../db/client.js'

export interface SealedKeyUse {
  keyId: string
  applicationSecrets: number
  consumerKeys: number
}

/** How many secrets each master key sealed, by key id (ordered by id). */
export async function sealedKeyUse (db: Db): Promise<SealedKeyUse[]> {
  // An envelope is `v1.<key id>.<iv>.<tag>.<ciphertext>` (src/crypto/secret-box.ts); a value in
  // another form opens with no key, so it is left to fail where it is used.
  const rows = await db.$queryRaw<Array<{ keyId: string, kind: 'applicationSecrets' | 'consumerKeys', count: number }>>`
    SELECT split_part("ovhApplicationSecret", '.', 2) AS "keyId", 'applicationSecrets' AS kind, count(*)::int AS count
      FROM "Tenant" WHERE "ovhApplicationSecret" LIKE 'v1.%' GROUP BY 1
    UNION ALL
    SELECT split_part("consumerKey", '.', 2), 'consumerKeys', count(*)::int
      FROM "OvhCredential" WHERE "consumerKey" LIKE 'v1.%' GROUP BY 1`
  const byKey = new Map<string, SealedKeyUse>()
  for (const row of rows) {
    const use = byKey.get(row.keyId) ?? { keyId: row.keyId, applicationSecrets: 0, consumerKeys: 0 }
    use[row.kind] += row.count
    byKey.set(row.keyId, use)
  }
  return [...byKey.values()].sort((a, b) => a.keyId.localeCompare(b.keyId))
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

function describe (use: SealedKeyUse): string {
  const parts = [
    use.applicationSecrets > 0 ? plural(use.applicationSecrets, 'tenant application secret') : '',
    use.consumerKeys > 0 ? plural(use.consumerKeys, 'consumer key') : ''
  ].filter(Boolean)
  return `${plural(use.applicationSecrets + use.consumerKeys, 'secret')} (${parts.join(', ')})`
}

// What to set: the variables in production, the key files of the data folder in zero-config mode.
// Key ids only (the first 12 hex digits of the key's SHA-256), never a key.
function advice (config: Config, secrets: SecretBox): string {
  if (config.mode === 'zero-config') {
    return `none of the key files in ${path.resolve(config.dataDir)} holds it (master.key is key ${secrets.keyId}). ` +
      'Put back the master.key these secrets were sealed with, or start with the data folder it belongs to ' +
      '(docs/operations.md, "Secrets and the master key").'
  }
  const previous = config.previousMasterKey ? `is key ${keyIdOf(config.previousMasterKey)}` : 'is not set'
  return `GATEWAY_MASTER_KEY is key ${secrets.keyId}, GATEWAY_PREVIOUS_MASTER_KEY ${previous}. ` +
    'Set GATEWAY_MASTER_KEY to the key they were sealed with (after `master-key:rotate`, the key it rotated to), ' +
    'or, while a rotation rolls out, the new key as GATEWAY_MASTER_KEY and the old one as GATEWAY_PREVIOUS_MASTER_KEY ' +
    '(docs/operations.md, "Secrets and the master key", shows how to read a key\'s id).'
}

/** Refused start-up: the configured keys miss a stored secret (the CLI reports it as MASTER_KEY). */
export class MasterKeyMismatchError extends SecretBoxError {
  readonly code = 'MASTER_KEY'
  constructor (message: string) {
    super(message)
    this.name = 'MasterKeyMismatchError'
  }
}

/** The problem with the configured keys, or null when they open every stored secret. */
export function masterKeyProblem (use: SealedKeyUse[], secrets: SecretBox, config: Config): string | null {
  const missing = use.filter(entry => !secrets.hasKey(entry.keyId))
  if (missing.length === 0) return null
  const sealed = missing.map(entry => {
    const count = entry.applicationSecrets + entry.consumerKeys
    return `${describe(entry)} ${count === 1 ? 'is' : 'are'} sealed with master key ${entry.keyId}, which is not configured`
  })
  return `the configured master keys do not open the secrets stored in the database: ${sealed.join('; ')}; ${advice(config, secrets)}`
}

export function assertMasterKeysOpen (use: SealedKeyUse[], secrets: SecretBox, config: Config): void {
  const problem = masterKeyProblem(use, secrets, config)
  if (problem) throw new MasterKeyMismatchError(problem)
}
