// Builds a fresh state: the demo application, the demo account and its validated consumer key.
import { DEMO_ACCOUNT, DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from '../constants.js'
import { createValidatedCredential } from '../model/credentials.js'
import { createAccount, defaultProfile } from '../seed/accounts.js'
import type { SeedKind } from '../seed/accounts.js'
import { addPortfolio } from '../seed/portfolio.js'
import { STATE_VERSION, nextId } from './types.js'
import type { SandboxState } from './types.js'

// extraDomains: generated domains added to the demo account (SANDBOX_EXTRA_DOMAINS), whatever the seed.
export function createState (seed: SeedKind, now: number, extraDomains = 0): SandboxState {
  const state: SandboxState = {
    version: STATE_VERSION,
    clockOffsetMs: 0,
    sequences: {},
    applications: {},
    credentials: {},
    accounts: {},
    contactChanges: {},
    events: []
  }
  state.applications[DEMO_APPLICATION_KEY] = {
    applicationId: nextId(state, 'applicationId', 1001),
    applicationKey: DEMO_APPLICATION_KEY,
    applicationSecret: DEMO_APPLICATION_SECRET,
    name: 'Sandbox demo application',
    description: 'Built-in application of the OVH sandbox',
    status: 'active'
  }
  // An 'empty' seed still has the demo account (without domains) so the demo key can call the API.
  const demo = createAccount(state, DEMO_ACCOUNT, seed, now)
  if (extraDomains > 0) addPortfolio(state, demo, extraDomains, now)
  createValidatedCredential(state, DEMO_APPLICATION_KEY, DEMO_ACCOUNT, now, DEMO_CONSUMER_KEY)
  return state
}

// Fills what a snapshot saved by an earlier build lacks, so a kept sandbox.json still loads after
// an upgrade. Areas that add state add their defaults here.
export function upgradeState (state: SandboxState): SandboxState {
  state.contactChanges ??= {}
  for (const account of Object.values(state.accounts)) {
    account.profile ??= defaultProfile(account.nic)
    account.domainTasks ??= {}
    account.whois ??= {}
  }
  return state
}
