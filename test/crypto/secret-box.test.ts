import t from 'tap'
import { createSecretBox, generateMasterKey, keyIdOf, SecretBoxError } from '../../src/crypto/secret-box.js'

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
  t.throws(() => createSecretBox(Buffer.alloc(16)), /32 bytes/)
})
