// The master key of zero-configuration mode: generated once into the data folder (0600).
// A rotation writes the next key beside it before re-encrypting, so a crash in the middle leaves
// both keys on disk and every secret still readable (see src/admin/rotate-master-key.ts).
import { chmod, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { decodeMasterKey } from '../config.js'
import { generateMasterKey } from '../crypto/secret-box.js'

export const MASTER_KEY_FILE = 'master.key'

export interface KeyFiles {
  current: Buffer
  // Keys only used to open secrets sealed before or during an interrupted rotation.
  others: Buffer[]
}

async function readKey (file: string): Promise<Buffer | null> {
  try {
    const key = decodeMasterKey(await readFile(file, 'utf8'))
    if (!key) throw new Error(`${file} does not hold a valid master key`)
    return key
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

export async function loadOrCreateMasterKey (dataDir: string): Promise<KeyFiles> {
  const file = path.join(dataDir, MASTER_KEY_FILE)
  let current = await readKey(file)
  if (!current) {
    current = generateMasterKey()
    await writeFile(file, current.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
  }
  await chmod(file, 0o600)
  const others = (await Promise.all([readKey(`${file}.next`), readKey(`${file}.previous`)])).filter((key): key is Buffer => key !== null)
  return { current, others }
}

export async function writeNextMasterKey (dataDir: string, key: Buffer): Promise<void> {
  await writeFile(path.join(dataDir, `${MASTER_KEY_FILE}.next`), key.toString('base64') + '\n', { mode: 0o600 })
}

/** After a rotation committed: the next key becomes the key, the old one stays as previous. */
export async function promoteNextMasterKey (dataDir: string): Promise<void> {
  const file = path.join(dataDir, MASTER_KEY_FILE)
  await rename(file, `${file}.previous`)
  await rename(`${file}.next`, file)
}
