// A generated portfolio in a snapshot: 100,000 domains written out whole would be a 95 MB file
// rewritten after every call. A snapshot keeps only what changed since generation (domains whose
// value differs, kept whole, and the indices of those removed); loading rebuilds the rest from the
// PortfolioState. Changes made by any route, task or admin control survive a restart.
import type { AccountState, DomainState, PortfolioState, SandboxState } from '../state/types.js'
import { addPortfolio, generatedDomain, generatedName, isGeneratedAt, PORTFOLIO_VERSION, removePortfolio } from './portfolio.js'

export interface PortfolioSnapshot extends PortfolioState {
  // Indices of generated domains no longer on the account.
  removed: number[]
}

// JSON equality of two state values: an undefined property counts as absent, as in JSON. Generic
// on purpose: a field a later route adds to DomainState is compared without anyone updating this.
function sameJson (a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  let defined = 0
  for (const key in left) {
    if (left[key] === undefined) continue
    defined++
    if (!sameJson(left[key], right[key])) return false
  }
  for (const key in right) if (right[key] !== undefined) defined--
  return defined === 0
}

// Domains compared between two yields to the event loop: comparing 100,000 takes from 0.5 to 2 s,
// which in one go would stall every request of the process (the gateway's too, in process).
const CHUNK = 2_000
const pause = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

async function compactAccount (account: AccountState, spec: PortfolioState): Promise<AccountState> {
  // Each save rebuilds every generated domain to compare; persistence.ts spaces saves out
  // accordingly. A change made while this runs marks the state dirty again: the next save has it.
  const unchanged = new Set<string>()
  const removed: number[] = []
  for (let index = 0; index < spec.count; index++) {
    if (index % CHUNK === CHUNK - 1) await pause()
    const name = generatedName(spec, index)
    const domain = account.domains[name]
    if (domain === undefined) removed.push(index)
    else if (isGeneratedAt(domain, index) && sameJson(domain, generatedDomain(spec, account.nic, index))) unchanged.add(name)
  }
  const domains: Record<string, DomainState> = {}
  for (const name of Object.keys(account.domains)) if (!unchanged.has(name)) domains[name] = account.domains[name]
  const portfolio: PortfolioSnapshot = { ...spec, removed }
  return { ...account, domains, portfolio }
}

/** What to write instead of `state`: the same, with each generated portfolio compacted. */
export async function compactState (state: SandboxState): Promise<SandboxState> {
  const portfolios = Object.values(state.accounts).filter(account => account.portfolio !== undefined)
  if (portfolios.length === 0) return state
  const accounts = { ...state.accounts }
  for (const account of portfolios) accounts[account.nic] = await compactAccount(account, account.portfolio!)
  return { ...state, accounts }
}

/** Rebuilds, in a loaded snapshot, the generated domains it left out (in place). */
export function expandState (state: SandboxState): SandboxState {
  for (const account of Object.values(state.accounts)) {
    const snapshot = account.portfolio as PortfolioSnapshot | undefined
    if (snapshot === undefined) continue
    const { removed = [], ...spec } = snapshot
    if (spec.version !== PORTFOLIO_VERSION) {
      // Another generator would rebuild other domains: keep the changed ones, generate afresh.
      delete account.portfolio
      addPortfolio(state, account, spec.count, spec.at, spec.seed)
      continue
    }
    account.portfolio = spec
    const gone = new Set(removed)
    const kept = account.domains
    const names = Object.keys(kept)
    const rebuilt = new Map<string, DomainState>()
    for (let index = 0; index < spec.count; index++) {
      if (gone.has(index)) continue
      const name = generatedName(spec, index)
      if (kept[name] === undefined) rebuilt.set(name, generatedDomain(spec, account.nic, index))
    }
    // In name order, as the account was generated: listing (which sorts) finds them sorted.
    account.domains = {}
    for (const name of [...names, ...rebuilt.keys()].sort()) account.domains[name] = kept[name] ?? rebuilt.get(name)!
  }
  return state
}

/**
 * Gives the account `count` generated domains: nothing to do when it has that many already (a
 * kept state), else the previous ones go (their changes with them) and `count` new ones come.
 * Returns whether anything changed.
 */
export function applyExtraDomains (state: SandboxState, account: AccountState, count: number, now: number): boolean {
  if ((account.portfolio?.count ?? 0) === count) return false
  removePortfolio(account)
  if (count > 0) addPortfolio(state, account, count, now)
  return true
}
