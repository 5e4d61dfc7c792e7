// The keys that sign access tokens (ES256 JWTs), shared by every instance through the database,
// their private halves sealed with the master key as consumer keys are. The newest key that is not
// retired signs. Rotation adds a key and retires the others, which keep verifying (and stay in the
// JWKS) for `verifyWindowMs`, the longest a token they signed can live: no token fails early, no
// instance needs a restart. An instance rereads the keys every `reloadIntervalMs`, and at once when
// a token names a key it does not know.
import { exportJWK, generateKeyPair, importJWK } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/client.js'
import type { SecretBox } from '../../crypto/secret-box.js'
import type { SigningKey } from '../../generated/prisma/client.js'

export const SIGNING_ALGORITHM = 'ES256'

export const signingKeyContext = (id: string): string => `signing-key:${id}`

export interface SigningKeyOptions {
  // How long a retired key still verifies: the longest token lifetime, plus how late another
  // instance may learn of the rotation (it signs with the old key until it reloads).
  verifyWindowMs: number
  reloadIntervalMs?: number
}

interface Loaded {
  rows: SigningKey[]
  at: number
}

export function createSigningKeys (db: Db, secrets: SecretBox, options: SigningKeyOptions) {
  const reloadIntervalMs = options.reloadIntervalMs ?? 60_000
  let loaded: Loaded | null = null
  let loading: Promise<Loaded> | null = null
  let creating: Promise<SigningKey> | null = null
  const privateKeys = new Map<string, Promise<CryptoKey | Uint8Array>>()
  const publicKeys = new Map<string, Promise<CryptoKey | Uint8Array>>()

  async function read (): Promise<Loaded> {
    const since = new Date(Date.now() - options.verifyWindowMs)
    const rows = await db.signingKey.findMany({ where: { OR: [{ retiredAt: null }, { retiredAt: { gt: since } }] }, orderBy: { createdAt: 'desc' } })
    return { rows, at: Date.now() }
  }

  async function keys (force = false): Promise<SigningKey[]> {
    if (!force && loaded !== null && Date.now() - loaded.at < reloadIntervalMs) return loaded.rows
    loading ??= read().finally(() => { loading = null })
    loaded = await loading
    return loaded.rows
  }

  async function create (): Promise<SigningKey> {
    const id = `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true })
    const publicJwk = { ...await exportJWK(publicKey), kid: id, alg: SIGNING_ALGORITHM, use: 'sig' }
    const privateJwk = JSON.stringify(await exportJWK(privateKey))
    return db.signingKey.create({
      data: { id, algorithm: SIGNING_ALGORITHM, publicJwk, privateJwk: secrets.seal(privateJwk, signingKeyContext(id)) }
    })
  }

  return {
    /** The key that signs now, created on first use. */
    async signer (): Promise<{ kid: string, key: CryptoKey | Uint8Array }> {
      let active = (await keys()).find(row => row.retiredAt === null)
      if (active === undefined) {
        creating ??= create().finally(() => { creating = null })
        active = await creating
        await keys(true)
      }
      const row = active
      if (!privateKeys.has(row.id)) {
        privateKeys.set(row.id, importJWK(JSON.parse(secrets.open(row.privateJwk, signingKeyContext(row.id))) as JWK, SIGNING_ALGORITHM))
      }
      return { kid: row.id, key: await privateKeys.get(row.id)! }
    },

    /** The public key a token's kid names, if it still verifies; an unknown kid rereads the keys (at most once a second). */
    async verifier (kid: string): Promise<CryptoKey | Uint8Array | null> {
      let row = (await keys()).find(key => key.id === kid)
      if (row === undefined && loaded !== null && Date.now() - loaded.at > 1_000) row = (await keys(true)).find(key => key.id === kid)
      if (row === undefined) return null
      if (!publicKeys.has(row.id)) publicKeys.set(row.id, importJWK(row.publicJwk as JWK, SIGNING_ALGORITHM))
      return await publicKeys.get(row.id)!
    },

    /** The JSON Web Key Set of every key that signs or still verifies. */
    async jwks (): Promise<{ keys: JWK[] }> {
      return { keys: (await keys()).map(row => row.publicJwk as JWK) }
    },

    /**
     * Makes a new key the signing one and retires the others: they keep verifying for the window.
     * Instances pick the new key up within reloadIntervalMs; until then they sign with the old one,
     * which is why the window includes that interval.
     */
    async rotate (): Promise<{ kid: string, retired: string[] }> {
      const previous = await db.signingKey.findMany({ where: { retiredAt: null }, select: { id: true } })
      const next = await create()
      await db.signingKey.updateMany({ where: { id: { in: previous.map(row => row.id) } }, data: { retiredAt: new Date() } })
      await keys(true)
      return { kid: next.id, retired: previous.map(row => row.id) }
    }
  }
}

export type SigningKeys = ReturnType<typeof createSigningKeys>
