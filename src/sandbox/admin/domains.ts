// Changes made "outside the gateway": a domain changed as OVH's control panel (or the registry)
// would change it, added, or taken away, so that a test can prove the gateway notices what it did
// not do itself. Each change is done at once (no task), sets lastUpdate, and keeps the views
// consistent: the renewal mode is the service's renew settings, a suspension state follows the
// state, the DNS Anycast option follows the expiry. In process as sandbox.admin.*, over HTTP in
// admin/domain-routes.ts.
import { isIP, isIPv4 } from 'node:net'
import { DEMO_ACCOUNT } from '../constants.js'
import { OvhError } from '../errors.js'
import { checkedName, holderOf } from '../model/availability.js'
import { createContact } from '../model/contacts.js'
import { renewalStateOf, toDomainService, toServiceInfos } from '../model/domains.js'
import type { SandboxCore } from '../core.js'
import { buildDomain } from '../model/new-domain.js'
import { LOCKLESS_TLDS } from '../seed/portfolio-words.js'
import { nextId } from '../state/types.js'
import type { AccountState, DomainState, DomainStatus, LockStatus, NameServerState, NameServerType } from '../state/types.js'
import { AdminError } from './errors.js'

export type RenewalState = ReturnType<typeof renewalStateOf>

const RENEW_PERIODS: readonly number[] = [12, 24, 36, 48, 60, 72, 84, 96, 108, 120]

export interface NameServerInput {
  host: string
  // Glue for a name server inside the domain.
  ip?: string
}

export interface DomainChanges {
  // NIC handle; default the demo account.
  account?: string
  state?: DomainStatus
  // ISO 8601 date-time with offset, or a date (that day at 12:00 UTC, the same day in Paris).
  expiration?: string
  renewalState?: RenewalState
  // Months (12, 24... 120), for an automatic renewal.
  renewPeriod?: number
  transferLockStatus?: LockStatus
  // Replaces the name servers; the type defaults to hosted when all are OVH's (*.ovh.net).
  nameServers?: Array<string | NameServerInput>
  nameServerType?: NameServerType
}

export interface NewDomain extends DomainChanges {
  domain: string
  // Owner contact id on the account; default its first contact (one is made from the NIC's own
  // data when it has none).
  owner?: number
}

// What OVH would answer for the domain right after the change.
export interface DomainView {
  details: ReturnType<typeof toDomainService>
  serviceInfos: ReturnType<typeof toServiceInfos>
}

export interface DomainControls {
  domain (options: { domain: string, account?: string }): DomainView
  updateDomain (options: DomainChanges & { domain: string }): DomainView
  addDomain (options: NewDomain): DomainView
  removeDomain (options: { domain: string, account?: string }): { removed: string }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/
// OVH accepts up to 13 name servers (the registries' usual limit).
const MAX_NAME_SERVERS = 13

export function parseExpiration (text: string): number {
  const ms = DATE.test(text) ? Date.parse(`${text}T12:00:00Z`) : DATE_TIME.test(text) ? Date.parse(text) : Number.NaN
  // Date.parse rolls 2025-02-30 over to March: a date that does not print back is not a date.
  if (Number.isNaN(ms) || (DATE.test(text) && new Date(ms).toISOString().slice(0, 10) !== text)) {
    throw new AdminError(400, `expiration: ${JSON.stringify(text)} is not a date (YYYY-MM-DD) or a date-time with offset`)
  }
  return ms
}

function nameServersOf (sandbox: SandboxCore, domain: DomainState, inputs: Array<string | NameServerInput>, type: NameServerType | undefined): NameServerState[] {
  if (inputs.length === 0 || inputs.length > MAX_NAME_SERVERS) throw new AdminError(400, `nameServers: from 1 to ${MAX_NAME_SERVERS} name servers`)
  const servers = inputs.map(input => typeof input === 'string' ? { host: input } : input)
  const hosts = servers.map(server => server.host.toLowerCase().replace(/\.$/, ''))
  const bad = hosts.find(host => !HOST.test(host))
  if (bad !== undefined) throw new AdminError(400, `nameServers: ${JSON.stringify(bad)} is not a host name`)
  if (new Set(hosts).size !== hosts.length) throw new AdminError(400, 'nameServers: a name server is listed twice')
  const nameServerType = type ?? (hosts.every(host => host.endsWith('.ovh.net')) ? 'hosted' : 'external')
  return servers.map((server, index) => {
    const ip = server.ip ?? null
    if (ip !== null && isIP(ip) === 0) throw new AdminError(400, `nameServers: ${JSON.stringify(ip)} is not an IP address`)
    if (ip !== null && !hosts[index].endsWith(`.${domain.domain}`)) throw new AdminError(400, `nameServers: ${hosts[index]} is not inside ${domain.domain}: it takes no IP address`)
    return {
      id: nextId(sandbox.state, 'nameServerId', 4_000_001),
      nameServer: hosts[index],
      ipv4: ip !== null && isIPv4(ip) ? ip : null,
      ipv6: ip !== null && !isIPv4(ip) ? ip : null,
      nameServerType
    }
  })
}

// Checks everything first, then changes: a refused request changes nothing.
function applyChanges (sandbox: SandboxCore, domain: DomainState, changes: DomainChanges): void {
  const expiration = changes.expiration === undefined ? undefined : parseExpiration(changes.expiration)
  if (changes.renewPeriod !== undefined && !RENEW_PERIODS.includes(changes.renewPeriod)) {
    throw new AdminError(400, `renewPeriod: one of ${RENEW_PERIODS.join(', ')} (months)`)
  }
  if (changes.renewPeriod !== undefined && (changes.renewalState ?? renewalStateOf(domain)) === 'manual_renew') {
    throw new AdminError(400, 'renewPeriod: a manual renewal has no period')
  }
  const nameServers = changes.nameServers === undefined
    ? changes.nameServerType === undefined ? undefined : domain.nameServers.map(server => ({ ...server, nameServerType: changes.nameServerType! }))
    : nameServersOf(sandbox, domain, changes.nameServers, changes.nameServerType)

  if (changes.state !== undefined) {
    domain.state = changes.state
    domain.suspensionState = changes.state === 'technical_suspended' || changes.state === 'registry_suspended' ? 'suspended' : 'not_suspended'
  }
  if (expiration !== undefined) {
    domain.expiration = expiration
    const anycast = domain.options?.dnsAnycast
    if (anycast?.state === 'subscribed') anycast.expiration = expiration
  }
  if (changes.renewalState !== undefined) setRenewal(domain, changes.renewalState)
  if (changes.renewPeriod !== undefined) domain.renew.period = changes.renewPeriod
  if (changes.transferLockStatus !== undefined) domain.transferLockStatus = changes.transferLockStatus
  if (nameServers !== undefined) {
    domain.nameServers = nameServers
    domain.nameServerType = nameServers[0].nameServerType
  }
  domain.lastUpdate = sandbox.clock.now()
}

// renewalState is derived from the service's renew settings (model/domains.ts): set those.
function setRenewal (domain: DomainState, target: RenewalState): void {
  const renew = domain.renew
  if (target === 'cancellation_requested') {
    renew.deleteAtExpiration = true
    return
  }
  renew.deleteAtExpiration = false
  renew.automatic = target === 'automatic_renew'
  renew.period = renew.automatic ? renew.period ?? 12 : null
}

export function createDomainControls (sandbox: SandboxCore): DomainControls {
  function accountOf (nic = DEMO_ACCOUNT): AccountState {
    const account = sandbox.state.accounts[nic]
    if (account === undefined) throw new AdminError(404, `unknown account ${nic}`)
    return account
  }

  function domainOf (options: { domain: string, account?: string }): DomainState {
    const account = accountOf(options.account)
    const domain = account.domains[options.domain.toLowerCase()]
    if (domain === undefined) throw new AdminError(404, `${account.nic} has no domain ${options.domain}`)
    return domain
  }

  const view = (domain: DomainState): DomainView => ({ details: toDomainService(domain), serviceInfos: toServiceInfos(domain) })

  function ownerOf (account: AccountState, id: number | undefined): string {
    if (id !== undefined) {
      if (account.contacts[String(id)] === undefined) throw new AdminError(404, `${account.nic} has no contact ${id}`)
      return String(id)
    }
    const first = Object.keys(account.contacts)[0]
    if (first !== undefined) return first
    const { profile } = account
    return String(createContact(sandbox, account, {
      firstName: profile.firstname,
      lastName: profile.name,
      organisationName: profile.organisation,
      legalForm: profile.legalform,
      email: profile.email,
      phone: profile.phone,
      language: profile.language,
      address: { line1: profile.address, city: profile.city, zip: profile.zip, country: profile.country }
    }).id)
  }

  return {
    domain: options => view(domainOf(options)),

    updateDomain (options) {
      const domain = domainOf(options)
      applyChanges(sandbox, domain, options)
      sandbox.touch()
      return view(domain)
    },

    addDomain (options) {
      const account = accountOf(options.account)
      let name: string
      try {
        ({ domain: name } = checkedName(options.domain))
      } catch (error) {
        if (error instanceof OvhError) throw new AdminError(400, `domain: ${error.message}`)
        throw error
      }
      const holder = holderOf(sandbox.state, name)
      if (holder !== null) throw new AdminError(409, `${name} already belongs to ${holder}`)
      const now = sandbox.clock.now()
      const tld = name.slice(name.indexOf('.') + 1)
      // Registered today for a year, renewed automatically, locked where the registry can lock.
      const domain = buildDomain(sandbox.state, account, name, {
        state: 'ok', expiresInDays: 365, ageDays: 0, automatic: true, lock: LOCKLESS_TLDS.has(tld) ? 'unavailable' : 'locked', dns: 'hosted'
      }, ownerOf(account, options.owner), now)
      domain.expiration = new Date(now).setUTCFullYear(new Date(now).getUTCFullYear() + 1)
      applyChanges(sandbox, domain, options)
      account.domains[name] = domain
      sandbox.touch()
      return view(domain)
    },

    removeDomain (options) {
      const domain = domainOf(options)
      delete accountOf(options.account).domains[domain.domain]
      sandbox.touch()
      return { removed: domain.domain }
    }
  }
}
