// Re-encrypts every secret at rest under a new master key, in one transaction: either every
// secret moves to the new key or none does.
import type { AdminContext } from './context.js'
import { createSecretBox, envelopeKeyId, keyIdOf } from '../crypto/secret-box.js'
import type { SecretBox } from '../crypto/secret-box.js'
import { applicationSecretContext } from '../tenancy/tenants.js'
import { consumerKeyContext } from '../tenancy/credentials.js'
import { secretContext as webhookSecretContext } from '../modules/webhooks/store.js'
import { signingKeyContext } from '../modules/access/signing-keys.js'

export interface RotationResult {
  // The keys the secrets were sealed with before (the new key's id when some already were).
  previousKeyIds: string[]
  newKeyId: string
  tenants: number
  credentials: number
  webhooks: number
  signingKeys: number
  // Secrets actually re-encrypted: those already under the new key are left as they are, so the
  // command can be run again after an interrupted run, or in production once the new key is deployed.
  resealed: number
}

/** `ctx.secrets` must open every current secret (it holds the current and previous keys). */
export async function rotateMasterKey (ctx: AdminContext, newKey: Buffer): Promise<RotationResult> {
  const next: SecretBox = createSecretBox(newKey)
  const newKeyId = keyIdOf(newKey)
  const previousKeyIds = new Set<string>()
  let resealed = 0
  const reseal = (envelope: string, context: string): string | null => {
    const id = envelopeKeyId(envelope)
    if (id) previousKeyIds.add(id)
    if (id === newKeyId) return null
    resealed++
    return next.seal(ctx.secrets.open(envelope, context), context)
  }
  return ctx.db.$transaction(async tx => {
    const tenants = await tx.tenant.findMany({ select: { id: true, ovhApplicationSecret: true } })
    for (const tenant of tenants) {
      const sealed = reseal(tenant.ovhApplicationSecret, applicationSecretContext(tenant.id))
      if (sealed) await tx.tenant.update({ where: { id: tenant.id }, data: { ovhApplicationSecret: sealed } })
    }
    const credentials = await tx.ovhCredential.findMany({ select: { id: true, consumerKey: true } })
    for (const credential of credentials) {
      const sealed = reseal(credential.consumerKey, consumerKeyContext(credential.id))
      if (sealed) await tx.ovhCredential.update({ where: { id: credential.id }, data: { consumerKey: sealed } })
    }
    // Webhook signing secrets too: a delivery must still sign once the old key is gone.
    const webhooks = await tx.webhookEndpoint.findMany({ select: { id: true, secret: true } })
    for (const webhook of webhooks) {
      const sealed = reseal(webhook.secret, webhookSecretContext(webhook.id))
      if (sealed) await tx.webhookEndpoint.update({ where: { id: webhook.id }, data: { secret: sealed } })
    }
    // And the access tokens' signing keys: tokens must still be signed once the old key is gone.
    const signingKeys = await tx.signingKey.findMany({ select: { id: true, privateJwk: true } })
    for (const key of signingKeys) {
      const sealed = reseal(key.privateJwk, signingKeyContext(key.id))
      if (sealed) await tx.signingKey.update({ where: { id: key.id }, data: { privateJwk: sealed } })
    }
    return { previousKeyIds: [...previousKeyIds].sort(), newKeyId, tenants: tenants.length, credentials: credentials.length, webhooks: webhooks.length, signingKeys: signingKeys.length, resealed }
  }, { timeout: 120_000 })
}
