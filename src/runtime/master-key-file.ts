// The master key of zero-configuration mode: generated once into the data folder (0600).
// A rotation writes the next key beside it before re-encrypting, so a crash in the middle leaves
// both keys on disk and every secret still readable (see src/admin/rotate-master-key.ts); the next
// rotation finishes that one with the key in master.key.next instead of replacing it.
// A running gateway rereads these files when it meets a secret sealed with a key it does not know
// (src/crypto/secret-box.ts), so `master-key:rotate` needs no restart.
import { readFileSync } from 'node:fs'
import { chmod, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { decodeMasterKey } from '../config.js'
import { generateMasterKey } from '../crypto/secret-box.js'
import type { KeyRing } from '../crypto/secret-box.js'

export const MASTER_KEY_FILE = 'master.key'

export interface KeyFiles {
  current: Buffer
  // Keys only used to open secrets sealed before or during an interrupted rotation.
  others: Buffer[]
}

function decode (file: string, text: string): Buffer {
  const key = decodeMasterKey(text)
  if (!key) throw new Error(`${file} does not hold a valid master key`)
  return key
}

async function readKey (file: string): Promise<Buffer | null> {
  try {
    return decode(file, await readFile(file, 'utf8'))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

function readKeySync (file: string): Buffer | null {
  try {
    return decode(file, readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

export async function loadOrCreateMasterKey (dataDir: string): Promise<KeyFiles> {
  const file = path.join(dataDir, MASTER_KEY_FILE)
  let current = await readKey(file)
  if (!current && await readKey(`${file}.next`)) {
    // A rotation stopped between the two renames of promoteNextMasterKey: master.key.previous holds
    // the old key, master.key.next the one every secret is now sealed with. Finish the promotion
    // (a new key here would hide the rotated one and, at the next rotation, replace .previous).
    await rename(`${file}.next`, file)
    current = await readKey(file)
  }
  if (!current) {
    current = generateMasterKey()
    await writeFile(file, current.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
  }
  await chmod(file, 0o600)
  const others = (await Promise.all([readKey(`${file}.next`), readKey(`${file}.previous`)])).filter((key): key is Buffer => key !== null)
  return { current, others }
}

/**
 * The key files as they are now, for a running gateway's secret box (synchronous: it runs inside
 * SecretBox.open). Between the two renames of promoteNextMasterKey, master.key is missing and the
 * next key is the current one. Null when no key can be read: the box keeps what it has.
 */
export function readKeyFilesSync (dataDir: string): KeyRing | null {
  const file = path.join(dataDir, MASTER_KEY_FILE)
  const key = readKeySync(file)
  const next = readKeySync(`${file}.next`)
  const previous = readKeySync(`${file}.previous`)
  const current = key ?? next
  if (!current) return null
  return { current, others: [next ?? undefined, previous ?? undefined] }
}

/** The new key of a rotation that did not finish (its commit may have gone through), or null. */
export async function readNextMasterKey (dataDir: string): Promise<Buffer | null> {
  return readKey(path.join(dataDir, `${MASTER_KEY_FILE}.next`))
}

/**
 * Never replaces an existing master.key.next: after an interrupted rotation every secret may be
 * sealed with the key it holds (see readNextMasterKey).
 */
export async function writeNextMasterKey (dataDir: string, key: Buffer): Promise<void> {
  await writeFile(path.join(dataDir, `${MASTER_KEY_FILE}.next`), key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
}

/** After a rotation committed: the next key becomes the key, the old one stays as previous. */
export async function promoteNextMasterKey (dataDir: string): Promise<void> {
  const file = path.join(dataDir, MASTER_KEY_FILE)
  await rename(file, `${file}.previous`)
  await rename(`${file}.next`, file)
}

/**
 * The previous key is kept after a rotation for gateways that ran through it: until one rereads the
 * key files it seals new secrets with the old key. Once no stored secret names any key but the
 * current one, nothing needs the other files and they go (called when a gateway starts, before it
 * seals anything).
 */
export async function removeUnusedKeyFiles (dataDir: string, sealedKeyIds: Set<string>, currentKeyId: string): Promise<boolean> {
  if ([...sealedKeyIds].some(id => id !== currentKeyId)) return false
  try {
    await unlink(path.join(dataDir, `${MASTER_KEY_FILE}.previous`))
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw err
  }
}
