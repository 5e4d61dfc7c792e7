import t from 'tap'
import { createReloadableSecretBox, createSecretBox, generateMasterKey, keyIdOf, SecretBoxError } from '../../src/crypto/secret-box.js'

t.test('seals and opens, never showing the plaintext', async t => {
  const box = createSecretBox(generateMasterKey())
  const sealed = box.seal('consumer-key-123', 'ctx:1')
  t.notMatch(sealed, 'consumer-key-123')
  t.match(sealed, /^v1\.[0-9a-f]{12}\./)
  t.equal(box.open(sealed, 'ctx:1'), 'consumer-key-123')
  t.not(box.seal('consumer-key-123', 'ctx:1'), sealed, 'a fresh IV every time')
})

t.test('a sealed value only opens in its own context', async t => {
  const box = createSecretBox(generateMasterKey())
  const sealed = box.seal('s3cret', 'tenant-application-secret:a')
  t.throws(() => box.open(sealed, 'tenant-application-secret:b'), SecretBoxError)
})

t.test('a wrong key or tampered data fails clearly', async t => {
  const sealed = createSecretBox(generateMasterKey()).seal('s3cret', 'c')
  t.throws(() => createSecretBox(generateMasterKey()).open(sealed, 'c'), /not configured/)
  const box = createSecretBox(generateMasterKey())
  const parts = box.seal('s3cret', 'c').split('.')
  parts[4] = Buffer.from('tampered').toString('base64url')
  t.throws(() => box.open(parts.join('.'), 'c'), /integrity/)
  t.throws(() => box.open('plain text', 'c'), /not an encrypted secret/)
})

t.test('a previous key still opens old values; new ones use the current key', async t => {
  const oldKey = generateMasterKey()
  const newKey = generateMasterKey()
  const old = createSecretBox(oldKey).seal('s3cret', 'c')
  const box = createSecretBox(newKey, oldKey)
  t.equal(box.open(old, 'c'), 's3cret')
  t.equal(box.keyId, keyIdOf(newKey))
  t.ok(box.seal('x', 'c').includes(keyIdOf(newKey)))
  t.ok(box.canOpen(old))
  t.notOk(createSecretBox(newKey).canOpen(old))
  t.ok(box.hasKey(keyIdOf(oldKey)) && box.hasKey(keyIdOf(newKey)), 'it holds both keys')
  t.notOk(createSecretBox(newKey).hasKey(keyIdOf(oldKey)))
  t.throws(() => createSecretBox(Buffer.alloc(16)), /32 bytes/)
})

t.test('a reloadable box learns a rotated key, rereading at most once per interval', async t => {
  const oldKey = generateMasterKey()
  const newKey = generateMasterKey()
  let ring = { current: oldKey, others: [] as Buffer[] }
  let reloads = 0
  const box = createReloadableSecretBox(ring, { reload: () => { reloads++; return ring }, reloadIntervalMs: 0 })
  const sealedOld = box.seal('s3cret', 'c')
  reloads = 0
  ring = { current: newKey, others: [oldKey] }
  const sealedNew = createSecretBox(newKey).seal('n3w', 'c')
  t.equal(box.open(sealedNew, 'c'), 'n3w', 'the unknown key id makes it reread the keys')
  t.equal(reloads, 1)
  t.equal(box.keyId, keyIdOf(newKey), 'and seal with the new key from then on')
  t.equal(box.open(sealedOld, 'c'), 's3cret')

  const limited = createReloadableSecretBox({ current: oldKey, others: [] }, { reload: () => { reloads++; return null }, reloadIntervalMs: 60_000 })
  reloads = 0
  const unknown = createSecretBox(generateMasterKey()).seal('x', 'c')
  t.throws(() => limited.open(unknown, 'c'), /not configured/)
  t.throws(() => limited.open(unknown, 'c'), /not configured/)
  t.equal(reloads, 0, 'not within the interval after the previous read')
})

t.test('a truncated authentication tag is refused', async t => {
  const box = createSecretBox(generateMasterKey())
  const parts = box.seal('s3cret', 'c').split('.')
  for (const bytes of [4, 8, 12, 15]) {
    const truncated = [...parts]
    truncated[3] = Buffer.from(parts[3], 'base64url').subarray(0, bytes).toString('base64url')
    t.throws(() => box.open(truncated.join('.'), 'c'), /integrity/, `a ${bytes}-byte tag`)
  }
  t.equal(box.open(parts.join('.'), 'c'), 's3cret', 'the full tag opens it')
})
