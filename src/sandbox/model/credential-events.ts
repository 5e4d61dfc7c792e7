// Scheduled expiry of consumer keys validated with a limited validity.
import type { EventHandler } from '../scheduler.js'
import type { SandboxState } from '../state/types.js'

export const CREDENTIAL_EXPIRE_EVENT = 'credential.expire'

export function credentialEvents (getState: () => SandboxState): Record<string, EventHandler> {
  return {
    [CREDENTIAL_EXPIRE_EVENT] (payload: { consumerKey: string }, { now }) {
      const credential = getState().credentials[payload.consumerKey]
      // The key may have been re-validated with a later expiry, or logged out, since scheduling.
      if (credential?.status === 'validated' && credential.expiration !== null && credential.expiration <= now) {
        credential.status = 'expired'
      }
    }
  }
}
