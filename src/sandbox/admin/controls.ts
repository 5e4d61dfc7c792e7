// The admin controls, callable in process (sandbox.admin.*) and over HTTP (/admin/*, admin/routes.ts).
import { DEMO_ACCOUNT, MAX_EXTRA_DOMAINS } from '../constants.js'
import type { DemoCredentials, SandboxCore } from '../core.js'
import { randomKey } from '../ids.js'
import { CREDENTIAL_EXPIRE_EVENT } from '../model/credential-events.js'
import { createValidatedCredential } from '../model/credentials.js'
import { createAccount, newNic } from '../seed/accounts.js'
import type { SeedKind } from '../seed/accounts.js'
import { nextId } from '../state/types.js'
import type { CredentialState, SandboxState } from '../state/types.js'
import { formatDateTime, SECOND } from '../time.js'
import type { CallFilter, CallLog, CallRecord } from './call-log.js'
import { createDomainControls } from './domains.js'
import type { DomainControls } from './domains.js'
import { AdminError } from './errors.js'
import type { Fault, FaultRegistry, FaultSpec } from './faults.js'

export { AdminError }

export interface CredentialView {
  credentialId: number
  status: CredentialState['status']
  account: string | null
  expiration: string | null
}

export interface ClockView {
  now: string
  epochSeconds: number
  offsetSeconds: number
}

// Domain changes made outside the gateway (domain, updateDomain, addDomain, removeDomain) are in
// admin/domains.ts.
export interface SandboxAdmin extends DomainControls {
  // Back to a fresh seeded state; also clears the call log and the faults. extraDomains: generated
  // domains on the demo account (default: the sandbox's SANDBOX_EXTRA_DOMAINS).
  reset (options?: { seed?: SeedKind, extraDomains?: number }): void
  // Another account (tenant), with its own domains unless seed is 'empty', and a validated
  // consumer key of the demo application bound to it.
  createAccount (options?: { nic?: string, seed?: SeedKind }): { nic: string, consumerKey: string, domains: string[] }
  createApplication (options?: { name?: string, description?: string }): { applicationId: number, applicationKey: string, applicationSecret: string }
  // expiresInSeconds: null or absent = unlimited.
  validateCredential (options: { consumerKey: string, account?: string, expiresInSeconds?: number | null }): CredentialView
  refuseCredential (options: { consumerKey: string }): CredentialView
  expireCredential (options: { consumerKey: string }): CredentialView
  advanceClock (options: { seconds: number }): ClockView
  clock (): ClockView
  addFault (spec: FaultSpec): Fault
  faults (): Fault[]
  removeFault (id?: number): number
  calls (filter?: CallFilter): CallRecord[]
  clearCalls (): void
  // The tokens a contact-change request emailed, by NIC handle (the sandbox sends no email).
  contactChangeTokens (id: number): Record<string, string>
  // The token a termination request emailed to the admin contact (the sandbox sends no email).
  terminationToken (serviceId: number): string
  // The token a zone's termination request emailed.
  zoneTerminationToken (zone: string): string
  // Every order of an account (all accounts without one), oldest first, with the domains it holds:
  // what a test or a load test counts to prove that nothing was ordered twice.
  orders (options?: { account?: string }): OrderSummary[]
}

export interface OrderSummary {
  orderId: number
  account: string
  cartId: string
  status: string
  date: string
  paid: boolean
  domains: string[]
}

export function viewCredential (credential: CredentialState): CredentialView {
  return {
    credentialId: credential.credentialId,
    status: credential.status,
    account: credential.account,
    expiration: credential.expiration === null ? null : formatDateTime(credential.expiration)
  }
}

// What the controls act on: the core, the call log, the faults and the demo application (createSandbox
// passes the sandbox it is building, which sandbox.ts cannot be imported for without a cycle).
export interface AdminTarget extends SandboxCore {
  readonly demo: DemoCredentials
  readonly calls: CallLog
  readonly faults: FaultRegistry
}

export function createAdmin (sandbox: AdminTarget, replaceState: (seed: SeedKind, extraDomains?: number) => void): SandboxAdmin {
  const state = (): SandboxState => sandbox.state
  const changed = <T>(value: T): T => {
    sandbox.touch()
    return value
  }

  function credentialOf (consumerKey: string): CredentialState {
    const credential = state().credentials[consumerKey]
    if (credential === undefined) throw new AdminError(404, 'unknown consumer key')
    return credential
  }

  function clockView (): ClockView {
    const now = sandbox.clock.now()
    return { now: formatDateTime(now), epochSeconds: Math.floor(now / 1000), offsetSeconds: state().clockOffsetMs / 1000 }
  }

  return {
    ...createDomainControls(sandbox),

    reset (options = {}) {
      const extra = options.extraDomains
      if (extra !== undefined && (!Number.isSafeInteger(extra) || extra < 0 || extra > MAX_EXTRA_DOMAINS)) {
        throw new AdminError(400, `extraDomains must be an integer from 0 to ${MAX_EXTRA_DOMAINS}`)
      }
      replaceState(options.seed ?? 'demo', extra)
      sandbox.calls.clear()
      sandbox.faults.remove()
      sandbox.touch()
    },

    createAccount (options = {}) {
      const nic = options.nic ?? newNic(state())
      if (state().accounts[nic] !== undefined) throw new AdminError(409, `account ${nic} already exists`)
      const now = sandbox.clock.now()
      let account
      try {
        account = createAccount(state(), nic, options.seed ?? 'demo', now)
      } catch (error) {
        throw new AdminError(409, (error as Error).message)
      }
      const { consumerKey } = createValidatedCredential(state(), sandbox.demo.applicationKey, nic, now)
      return changed({ nic, consumerKey, domains: Object.keys(account.domains).sort() })
    },

    createApplication (options = {}) {
      const application = {
        applicationId: nextId(state(), 'applicationId', 1001),
        applicationKey: randomKey(16),
        applicationSecret: randomKey(32),
        name: options.name ?? 'Sandbox application',
        description: options.description ?? 'Created through the sandbox admin API',
        status: 'active' as const
      }
      state().applications[application.applicationKey] = application
      return changed({ applicationId: application.applicationId, applicationKey: application.applicationKey, applicationSecret: application.applicationSecret })
    },

    validateCredential ({ consumerKey, account = DEMO_ACCOUNT, expiresInSeconds = null }) {
      const credential = credentialOf(consumerKey)
      if (state().accounts[account] === undefined) throw new AdminError(404, `unknown account ${account}`)
      if (credential.status !== 'pendingValidation') throw new AdminError(409, `credential is ${credential.status}, not pendingValidation`)
      const now = sandbox.clock.now()
      credential.status = 'validated'
      credential.account = account
      credential.expiration = expiresInSeconds === null || expiresInSeconds === 0 ? null : now + expiresInSeconds * SECOND
      // Expiry is not paced: it is the validity the user chose, in sandbox time.
      if (credential.expiration !== null) sandbox.scheduler.schedule(credential.expiration, CREDENTIAL_EXPIRE_EVENT, { consumerKey })
      return changed(viewCredential(credential))
    },

    refuseCredential ({ consumerKey }) {
      const credential = credentialOf(consumerKey)
      if (credential.status !== 'pendingValidation') throw new AdminError(409, `credential is ${credential.status}, not pendingValidation`)
      credential.status = 'refused'
      return changed(viewCredential(credential))
    },

    expireCredential ({ consumerKey }) {
      const credential = credentialOf(consumerKey)
      credential.status = 'expired'
      credential.expiration = Math.min(credential.expiration ?? Infinity, sandbox.clock.now())
      return changed(viewCredential(credential))
    },

    advanceClock ({ seconds }) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new AdminError(400, 'seconds must be a number >= 0')
      sandbox.clock.advance(seconds * SECOND)
      return changed(clockView())
    },

    clock: clockView,

    addFault (spec) {
      const effects = [spec.latencyMs, spec.lateAnswerMs, spec.status, spec.reset, spec.malformed, spec.lostAnswer, spec.itemError].filter(effect => effect !== undefined && effect !== false)
      if (effects.length === 0) throw new AdminError(400, 'a fault needs latencyMs, lateAnswerMs, status, reset, malformed, lostAnswer or itemError')
      if ([spec.status, spec.reset, spec.malformed, spec.lostAnswer, spec.itemError].filter(effect => effect !== undefined && effect !== false).length > 1) {
        throw new AdminError(400, 'status, reset, malformed, lostAnswer and itemError are exclusive')
      }
      return sandbox.faults.add(spec)
    },

    faults: () => sandbox.faults.list(),
    removeFault: id => sandbox.faults.remove(id),
    calls: filter => sandbox.calls.list(filter),
    clearCalls: () => sandbox.calls.clear(),

    contactChangeTokens (id) {
      const change = state().contactChanges[String(id)]
      if (change === undefined) throw new AdminError(404, `no contact-change request ${id}`)
      return { ...change.tokens }
    },
    terminationToken (serviceId) {
      for (const account of Object.values(state().accounts)) {
        const pending = account.terminations?.[String(serviceId)]
        if (pending !== undefined) return pending.token
      }
      throw new AdminError(404, `no termination of service ${serviceId} waits for a confirmation`)
    },
    zoneTerminationToken (zone) {
      for (const account of Object.values(state().accounts)) {
        const pending = account.zones?.[zone.toLowerCase()]?.termination
        if (pending !== undefined) return pending.token
      }
      throw new AdminError(404, `no termination of zone ${zone} waits for a confirmation`)
    },
    orders (options = {}) {
      const accounts = Object.entries(state().orders?.accounts ?? {})
        .filter(([nic]) => options.account === undefined || nic === options.account)
      return accounts.flatMap(([, account]) => Object.values(account.orders))
        .sort((a, b) => a.orderId - b.orderId)
        .map(order => ({
          orderId: order.orderId,
          account: order.account,
          cartId: order.cartId,
          status: order.status,
          date: formatDateTime(order.date),
          paid: order.payment !== null,
          domains: [...new Set(order.items.map(item => item.domain))]
        }))
    }
  }
}
