// Consumer keys: creation through the delegation flow, state checks and their OVH representations.
import { ALL_RULES } from '../access-rules.js'
import { randomKey } from '../ids.js'
import { nextId } from '../state/types.js'
import type { AccessRule, ApplicationState, CredentialState, SandboxState } from '../state/types.js'
import { formatDateTime } from '../time.js'

export interface CredentialRequest {
  accessRules: AccessRule[]
  redirection?: string | null
  allowedIPs?: string[] | null
}

export function requestCredential (state: SandboxState, application: ApplicationState, request: CredentialRequest, now: number): CredentialState {
  const credential: CredentialState = {
    credentialId: nextId(state, 'credentialId', 100_000_001),
    consumerKey: randomKey(32),
    applicationKey: application.applicationKey,
    account: null,
    rules: request.accessRules.map(rule => ({ method: rule.method, path: rule.path })),
    status: 'pendingValidation',
    creation: now,
    expiration: null,
    lastUse: null,
    allowedIPs: request.allowedIPs ?? null,
    redirection: request.redirection ?? null,
    validationToken: randomKey(32)
  }
  state.credentials[credential.consumerKey] = credential
  return credential
}

// A key validated out of band (the demo key, an admin-created account's key): unlimited, all rights.
export function createValidatedCredential (state: SandboxState, applicationKey: string, account: string, now: number, consumerKey = randomKey(32)): CredentialState {
  const credential: CredentialState = {
    credentialId: nextId(state, 'credentialId', 100_000_001),
    consumerKey,
    applicationKey,
    account,
    rules: ALL_RULES.map(rule => ({ ...rule })),
    status: 'validated',
    creation: now,
    expiration: null,
    lastUse: null,
    allowedIPs: null,
    redirection: null,
    validationToken: randomKey(32)
  }
  state.credentials[consumerKey] = credential
  return credential
}

export function findByToken (state: SandboxState, token: string): CredentialState | undefined {
  return Object.values(state.credentials).find(credential => credential.validationToken === token)
}

// Validated and not past its expiration: the expiry event may not have run yet.
export function isActive (credential: CredentialState, now: number): boolean {
  return credential.status === 'validated' && (credential.expiration === null || credential.expiration > now)
}

// auth.ApiCredential (GET /auth/currentCredential)
export function toApiCredential (state: SandboxState, credential: CredentialState) {
  return {
    allowedIPs: credential.allowedIPs,
    applicationId: state.applications[credential.applicationKey]?.applicationId ?? 0,
    creation: formatDateTime(credential.creation),
    credentialId: credential.credentialId,
    expiration: credential.expiration === null ? null : formatDateTime(credential.expiration),
    lastUse: credential.lastUse === null ? null : formatDateTime(credential.lastUse),
    ovhSupport: false,
    rules: credential.rules.map(rule => ({ method: rule.method, path: rule.path })),
    status: credential.status
  }
}
