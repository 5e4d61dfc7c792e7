// Re-encrypts every secret at rest under a new master key, in one transaction: either every
// secret moves to the new key or none does.
import type { AdminContext } from './context.js'
import { createSecretBox, keyIdOf } from '../crypto/secret-box.js'
import type { SecretBox } from '../crypto/secret-box.js'
import { applicationSecretContext } from '../tenancy/tenants.js'
import { consumerKeyContext } from '../tenancy/credentials.js'

export interface RotationResult {
  previousKeyId: string
  newKeyId: string
  tenants: number
  credentials: number
}

/** `ctx.secrets` must open every current secret (it holds the current key). */
export async function rotateMasterKey (ctx: AdminContext, newKey: Buffer): Promise<RotationResult> {
  const next: SecretBox = createSecretBox(newKey)
  return ctx.db.$transaction(async tx => {
    const tenants = await tx.tenant.findMany({ select: { id: true, ovhApplicationSecret: true } })
    for (const tenant of tenants) {
      const context = applicationSecretContext(tenant.id)
      const plain = ctx.secrets.open(tenant.ovhApplicationSecret, context)
      await tx.tenant.update({ where: { id: tenant.id }, data: { ovhApplicationSecret: next.seal(plain, context) } })
    }
    const credentials = await tx.ovhCredential.findMany({ select: { id: true, consumerKey: true } })
    for (const credential of credentials) {
      const context = consumerKeyContext(credential.id)
      const plain = ctx.secrets.open(credential.consumerKey, context)
      await tx.ovhCredential.update({ where: { id: credential.id }, data: { consumerKey: next.seal(plain, context) } })
    }
    return { previousKeyId: ctx.secrets.keyId, newKeyId: keyIdOf(newKey), tenants: tenants.length, credentials: credentials.length }
  }, { timeout: 120_000 })
}
