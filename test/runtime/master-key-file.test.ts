// The zero-config master key files: created once (0600), and a rotation interrupted between its
// two renames (master.key gone, .next and .previous present) is finished at the next start.
import t from 'tap'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadOrCreateMasterKey } from '../../src/runtime/master-key-file.js'
import { generateMasterKey } from '../../src/crypto/secret-box.js'
import type { Teardown } from '../support/database.js'

async function dataDir (t: Teardown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-master-key-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

t.test('a fresh data folder gets one key, readable by its owner only, and keeps it', async t => {
  const dir = await dataDir(t)
  const first = await loadOrCreateMasterKey(dir)
  t.equal((await stat(path.join(dir, 'master.key'))).mode & 0o777, 0o600)
  const again = await loadOrCreateMasterKey(dir)
  t.ok(again.current.equals(first.current), 'the same key at the next start')
  t.same(again.others, [])
})

t.test('a rotation stopped between its renames is finished, not replaced by a new key', async t => {
  const dir = await dataDir(t)
  const previous = generateMasterKey()
  const rotated = generateMasterKey()
  await writeFile(path.join(dir, 'master.key.previous'), previous.toString('base64') + '\n', { mode: 0o600 })
  await writeFile(path.join(dir, 'master.key.next'), rotated.toString('base64') + '\n', { mode: 0o600 })
  const keys = await loadOrCreateMasterKey(dir)
  t.ok(keys.current.equals(rotated), 'the rotated key is the current one')
  t.ok(keys.others.some(key => key.equals(previous)), 'the old key still opens what it sealed')
  t.notOk(existsSync(path.join(dir, 'master.key.next')), 'promoted')
  t.equal((await readFile(path.join(dir, 'master.key'), 'utf8')).trim(), rotated.toString('base64'))
})
