// Encrypts secrets at rest (OVH application secrets, consumer keys) with AES-256-GCM.
// Each envelope names the key that sealed it, so a previous master key can still open old values
// while a rotation rolls out, and a wrong key fails with a clear message instead of garbage.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { LRUCache } from 'lru-cache'

const VERSION = 'v1'

export interface SecretBox {
  keyId: string
  // `context` binds the ciphertext to its place (e.g. "consumer-key:<credential id>"), so a value
  // copied into another row does not decrypt there.
  seal (plaintext: string, context: string): string
  open (envelope: string, context: string): string
  canOpen (envelope: string): boolean
  // Whether this box holds the key with that id (see keyIdOf).
  hasKey (keyId: string): boolean
}

export class SecretBoxError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'SecretBoxError'
  }
}

export interface KeyRing {
  current: Buffer
  // Keys only used to open older secrets.
  others: Array<Buffer | undefined>
}

export interface SecretBoxOptions {
  // Rereads the keys (zero-configuration mode: the key files of DATA_DIR). Called when an envelope
  // names a key this box does not hold, and before sealing, so that a process running while the CLI
  // rotates the master key learns the new key instead of failing every call until it restarts.
  reload?: () => KeyRing | null
  // At most one reload in this interval: a bad envelope must not turn into a file read per call.
  reloadIntervalMs?: number
}

/** The id of the key that sealed an envelope (null when it is not one). */
export function envelopeKeyId (envelope: string): string | null {
  const parts = envelope.split('.')
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : null
}

export function keyIdOf (key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12)
}

export function createSecretBox (current: Buffer, ...previous: Array<Buffer | undefined>): SecretBox {
  return createReloadableSecretBox({ current, others: previous })
}

export function createReloadableSecretBox (ring: KeyRing, options: SecretBoxOptions = {}): SecretBox {
  let current = ring.current
  let keyId = ''
  let keys = new Map<string, Buffer>()
  use(ring)
  const reloadIntervalMs = options.reloadIntervalMs ?? 1_000
  let lastReload = Date.now()

  function use (next: KeyRing): void {
    for (const key of [next.current, ...next.others]) {
      if (key && key.length !== 32) throw new SecretBoxError('a master key is 32 bytes')
    }
    const known = new Map<string, Buffer>()
    // Keys once loaded stay known: a gateway that sealed with its old current key before it
    // reloaded can still open those secrets after the old key file is gone.
    for (const [id, key] of keys) known.set(id, key)
    for (const key of [next.current, ...next.others]) if (key) known.set(keyIdOf(key), key)
    current = next.current
    keyId = keyIdOf(current)
    keys = known
  }

  // Returns true when it did reload.
  function maybeReload (): boolean {
    if (!options.reload || Date.now() - lastReload < reloadIntervalMs) return false
    lastReload = Date.now()
    const next = options.reload()
    if (!next) return false
    use(next)
    return true
  }

  // Every signed OVH call needs the application secret and the consumer key in clear; opening them
  // once per envelope instead of per request saves two AES-GCM decryptions per call. The plaintexts
  // stay in this process's memory, where they are needed anyway.
  const opened = new LRUCache<string, string>({ max: 10_000 })

  return {
    get keyId () { return keyId },
    seal (plaintext, context) {
      // Sealing is rare (a new tenant or consumer key): a rotation made meanwhile is picked up.
      maybeReload()
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return [VERSION, keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.')
    },
    open (envelope, context) {
      const memoKey = `${context}\n${envelope}`
      const memo = opened.get(memoKey)
      if (memo !== undefined) return memo
      const plaintext = openEnvelope(envelope, context)
      opened.set(memoKey, plaintext)
      return plaintext
    },
    canOpen (envelope) {
      return hasKey(envelopeKeyId(envelope) ?? '')
    },
    hasKey
  }

  function hasKey (id: string): boolean {
    return keys.has(id) || (maybeReload() && keys.has(id))
  }

  function openEnvelope (envelope: string, context: string): string {
    const parts = envelope.split('.')
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not an encrypted secret')
    const [, id, iv, tag, ciphertext] = parts
    const key = keys.get(id) ?? (maybeReload() ? keys.get(id) : undefined)
    if (!key) throw new SecretBoxError(`secret sealed with master key ${id}, which is not configured (current key ${keyId})`)
    try {
      // A full 16-byte tag only: GCM would otherwise accept a truncated one (down to 4 bytes), and a
      // shorter tag is easier to forge.
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 })
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
    } catch {
      throw new SecretBoxError('a secret failed its integrity check (wrong key or context, or tampered data)')
    }
  }
}

export function generateMasterKey (): Buffer {
  return randomBytes(32)
}
