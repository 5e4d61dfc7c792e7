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
}

export class SecretBoxError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'SecretBoxError'
  }
}

export function keyIdOf (key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12)
}

export function createSecretBox (current: Buffer, ...previous: Array<Buffer | undefined>): SecretBox {
  for (const key of [current, ...previous]) {
    if (key && key.length !== 32) throw new SecretBoxError('a master key is 32 bytes')
  }
  const keys = new Map<string, Buffer>()
  for (const key of [current, ...previous]) if (key) keys.set(keyIdOf(key), key)
  const keyId = keyIdOf(current)
  // Every signed OVH call needs the application secret and the consumer key in clear; opening them
  // once per envelope instead of per request saves two AES-GCM decryptions per call. The plaintexts
  // stay in this process's memory, where they are needed anyway.
  const opened = new LRUCache<string, string>({ max: 10_000 })

  return {
    keyId,
    seal (plaintext, context) {
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
      return keys.has(envelope.split('.')[1] ?? '')
    }
  }

  function openEnvelope (envelope: string, context: string): string {
    const parts = envelope.split('.')
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not an encrypted secret')
    const [, id, iv, tag, ciphertext] = parts
    const key = keys.get(id)
    if (!key) throw new SecretBoxError(`secret sealed with master key ${id}, which is not configured (current key ${keyId})`)
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
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
