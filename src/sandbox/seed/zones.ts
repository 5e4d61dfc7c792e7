// Zones of the demo portfolio: one per domain whose DNS is hosted at OVH, with the records OVH puts
// in a new zone (NS, MX, SPF...) plus a few of the owner's, its tasks, and one zone with changes
// that wait for a refresh.
import { randomUUID } from '../ids.js'
import { FIRST_RECORD_ID, RECORD_SEQUENCE, nextSerial, zonesOf } from '../model/zones.js'
import type { AccountState, DomainState, SandboxState } from '../state/types.js'
import { nextId } from '../state/types.js'
import type { RecordState, RecordType, ZoneState, ZoneTaskState } from '../state/dns-types.js'
import { DAY } from '../time.js'

type SeedRecord = [RecordType, string, string, number?]

// OVH's default records for a new zone on its shared DNS servers.
function defaultRecords (index: number, name: string): SeedRecord[] {
  return [
    ['NS', '', 'dns10.ovh.net.'],
    ['NS', '', 'ns10.ovh.net.'],
    ['MX', '', '1 mx1.mail.ovh.net.'],
    ['MX', '', '5 mx2.mail.ovh.net.'],
    ['MX', '', '100 mx3.mail.ovh.net.'],
    ['A', '', `203.0.113.${10 + index}`],
    ['AAAA', '', `2001:db8::${(index + 1).toString(16)}`],
    ['TXT', '', '"v=spf1 include:mx.ovh.com ~all"', 600],
    ['CNAME', 'www', `${name}.`],
    ['SRV', '_autodiscover._tcp', '0 0 443 mailconfig.ovh.net.']
  ]
}

// The demo shop has a busier zone.
const EXTRA: Record<string, SeedRecord[]> = {
  shop: [
    ['A', 'api', '198.51.100.20', 300],
    ['A', 'staging', '198.51.100.21', 60],
    ['CAA', '', '0 issue "letsencrypt.org"'],
    ['TXT', '_dmarc', '"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.net"'],
    ['CNAME', 'cdn', 'shop.cdn.example.net.', 3600],
    ['TXT', 'ovhcontrol', '"ovh-site-verification=4b1d9c2e"']
  ],
  blog: [['CNAME', 'news', 'blog-platform.example.org.']]
}

function record (state: SandboxState, [fieldType, subDomain, target, ttl]: SeedRecord): RecordState {
  return { id: nextId(state, RECORD_SEQUENCE, FIRST_RECORD_ID), fieldType, subDomain, target, ttl: ttl ?? 0 }
}

function task (state: SandboxState, fn: ZoneTaskState['function'], at: number, status: ZoneTaskState['status'], payload: Record<string, unknown> = {}, comment: string | null = null): ZoneTaskState {
  return {
    id: nextId(state, 'zoneTaskId', 700_000_001),
    function: fn,
    status,
    comment,
    creation: at,
    todoDate: at,
    lastUpdate: at + 3 * 60_000,
    doneDate: status === 'done' ? at + 3 * 60_000 : null,
    payload,
    eventId: null
  }
}

export function seedZone (state: SandboxState, account: AccountState, domain: DomainState, index: number, label: string, now: number): ZoneState {
  const created = Math.max(domain.creation, now - 3000 * DAY)
  const defaults = defaultRecords(index, domain.domain)
  const records = [...defaults, ...(EXTRA[label] ?? [])].map(spec => record(state, spec))
  const zone: ZoneState = {
    name: domain.domain,
    iamId: randomUUID(),
    nameServers: domain.nameServers.map(ns => ns.nameServer),
    dnssecSupported: domain.dnssecState !== 'not_supported',
    hasDnsAnycast: domain.offer === 'diamond',
    lastUpdate: now - 2 * DAY,
    records: Object.fromEntries(records.map(r => [String(r.id), r])),
    soa: { server: 'dns10.ovh.net', email: 'tech.ovh.net', serial: nextSerial(0, now - 2 * DAY), refresh: 86400, expire: 3600000, nxDomainTtl: 86400, ttl: 3600 },
    deployed: true,
    dnssec: domain.dnssecState === 'enabled' ? 'enabled' : 'disabled',
    tasks: {}
  }
  const tasks = [task(state, 'ZoneCreate', created, 'done')]
  if (zone.dnssec === 'enabled') tasks.push(task(state, 'DnssecEnable', now - 200 * DAY, 'done'))
  // The blog's last change was never refreshed: its zone shows isDeployed false.
  if (label === 'blog') {
    zone.deployed = false
    zone.lastUpdate = now - DAY
  }
  // One import failed on OVH's side; relaunching it succeeds.
  if (label === 'archive') {
    tasks.push(task(state, 'ZoneImport', now - 3 * DAY, 'error', { zoneFile: `$TTL 3600\n@ IN A 203.0.113.99\nwww IN CNAME ${domain.domain}.\n` },
      'The zone could not be deployed on the DNS servers, please relaunch the task'))
  }
  for (const item of tasks) zone.tasks[String(item.id)] = item
  // Restore points: the zone as OVH created it, then as last deployed (a zone with records of the
  // owner's shows two different versions).
  const point = (at: number, kept: RecordState[]) => ({ creation: Math.floor(at / 1000) * 1000, records: kept.map(r => ({ ...r })), soa: { ...zone.soa }, token: randomUUID() })
  zone.history = [point(created, records.slice(0, defaults.length)), point(now - 2 * DAY, label === 'blog' ? records.slice(0, defaults.length) : records)]
  zonesOf(account)[zone.name] = zone
  return zone
}

// Zones for the account's domains whose DNS is hosted at OVH. `labels` maps a domain to its template label.
export function seedZones (state: SandboxState, account: AccountState, labels: Map<string, string>, now: number): void {
  let index = 0
  for (const domain of Object.values(account.domains)) {
    if (domain.nameServerType !== 'hosted') continue
    seedZone(state, account, domain, index++, labels.get(domain.domain) ?? '', now)
  }
}
