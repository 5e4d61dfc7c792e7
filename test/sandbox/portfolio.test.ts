// SANDBOX_EXTRA_DOMAINS: generated domains on the demo account, varied and consistent like the
// seeded ones, deterministic, served like any domain, kept compactly in snapshots, fast at 100,000.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { createSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { checkValue } from '../../src/sandbox/schema/check.js'
import { DOMAIN_TEMPLATES } from '../../src/sandbox/seed/domain-templates.js'
import type { DomainState } from '../../src/sandbox/state/types.js'
import { adminCall, ovhCall, serveSandbox } from './helpers.js'
import type { Served } from './helpers.js'

const SEEDED = DOMAIN_TEMPLATES.length
// A fixed base time: two sandboxes built at different moments must still be equal.
const NOW = Date.parse('2026-03-10T09:00:00Z')
const fixedClock = (): number => NOW

function generated (sandbox: Sandbox): DomainState[] {
  return Object.values(sandbox.state.accounts['demo-ovh'].domains).filter(domain => domain.serviceId >= 300_000_001)
}

async function batchRead (served: Served, path: (names: string) => string, names: string[]): Promise<Array<{ key: string, value: any, error: string | null }>> {
  const answer = await ovhCall(served, { path: path(names.join(',')), headers: { 'x-ovh-batch': ',' } })
  if (answer.status !== 200) throw new Error(`batch read answered ${answer.status}: ${answer.text}`)
  return answer.body
}

t.test('n generated domains on the demo account, deterministic', async t => {
  const served = await serveSandbox(t, { extraDomains: 2000, now: fixedClock })
  const listed = (await ovhCall(served, { path: '/domain' })).body as string[]
  t.equal(listed.length, SEEDED + 2000, 'the seeded domains and 2000 more')
  t.ok(listed.includes('demo-shop.com'), 'the seeded ones are still there')
  t.equal(new Set(listed).size, listed.length, 'names are unique')

  const again = createSandbox({ extraDomains: 2000, now: fixedClock })
  t.same(generated(again), generated(served.sandbox), 'the same spec makes the same domains')
  const other = createSandbox({ extraDomains: 0, now: fixedClock })
  t.equal(Object.keys(other.state.accounts['demo-ovh'].domains).length, SEEDED, '0 adds nothing')
  t.equal(other.state.accounts['demo-ovh'].portfolio, undefined)

  t.throws(() => createSandbox({ extraDomains: -1 }), RangeError)
  t.throws(() => createSandbox({ extraDomains: 200_001 }), RangeError)
  t.throws(() => createSandbox({ extraDomains: 1.5 }), RangeError)
})

t.test('varied and consistent like the seeded ones', async t => {
  const served = await serveSandbox(t, { extraDomains: 3000, now: fixedClock })
  const { sandbox } = served
  const account = sandbox.state.accounts['demo-ovh']
  const domains = generated(sandbox)
  const count = (key: (domain: DomainState) => string): Map<string, number> => {
    const counts = new Map<string, number>()
    for (const domain of domains) counts.set(key(domain), (counts.get(key(domain)) ?? 0) + 1)
    return counts
  }
  const tlds = count(domain => domain.domain.slice(domain.domain.indexOf('.') + 1))
  t.ok(tlds.size >= 12, `several TLDs (${[...tlds.keys()].join(', ')})`)
  t.ok((tlds.get('com') ?? 0) > (tlds.get('berlin') ?? 0), '.com is the most common, city TLDs rare')
  const states = count(domain => domain.state)
  for (const state of ['ok', 'expired', 'pending_delete', 'outgoing_transfer', 'restorable', 'technical_suspended']) t.ok(states.has(state), `some ${state}`)
  t.ok(states.get('ok')! > domains.length * 0.8, 'most are ok')
  const renewals = count(domain => domain.renew.deleteAtExpiration ? 'cancellation_requested' : domain.renew.automatic ? 'automatic_renew' : 'manual_renew')
  t.same([...renewals.keys()].sort(), ['automatic_renew', 'cancellation_requested', 'manual_renew'])
  t.same([...count(domain => domain.transferLockStatus).keys()].sort(), ['locked', 'locking', 'unavailable', 'unlocked', 'unlocking'])
  t.same([...count(domain => domain.nameServerType).keys()].sort(), ['external', 'hosted'])
  t.same([...count(domain => domain.dnssecState).keys()].sort(), ['disabled', 'enabled', 'not_supported'])
  t.ok(count(domain => domain.renew.period === null ? 'none' : String(domain.renew.period)).size >= 3, 'renewal periods of 1, 2 and 3 years')
  t.ok(count(domain => domain.contacts.owner).size > 20, 'many owners')

  for (const domain of domains) {
    const tld = domain.domain.slice(domain.domain.indexOf('.') + 1)
    const owner = account.contacts[domain.contacts.owner]
    const problems = [
      owner === undefined && 'an owner that is a contact of the account',
      (domain.state === 'ok') !== (domain.expiration > NOW) && domain.state !== 'outgoing_transfer' && !domain.state.endsWith('suspended') && domain.state !== 'dispute' && 'expired exactly when past expiry',
      ['expired', 'pending_delete', 'restorable'].includes(domain.state) && domain.renew.automatic && 'no automatic renewal past expiry',
      (domain.transferLockStatus === 'unavailable') !== ['co.uk', 'de', 'be'].includes(tld) && 'no lock exactly where the registry has none',
      domain.state === 'outgoing_transfer' && !['unlocked', 'unavailable'].includes(domain.transferLockStatus) && 'unlocked while leaving',
      domain.renew.automatic !== (domain.renew.period !== null) && 'a period exactly for an automatic renewal',
      (domain.suspensionState === 'suspended') !== domain.state.endsWith('suspended') && 'suspended exactly when the state says so',
      domain.creation >= NOW && 'created in the past',
      // Registrations are counted in whole years: same calendar day, N years before expiry.
      new Date(domain.creation).toISOString().slice(5, 10) !== new Date(domain.expiration).toISOString().slice(5, 10) && !new Date(domain.expiration).toISOString().startsWith('02-29', 5) && 'created on the calendar day it expires',
      domain.lastUpdate < domain.creation && 'updated after creation',
      tld === 'berlin' && owner?.address?.city !== 'Berlin' && 'a .berlin owner in Berlin',
      ['fr', 'eu', 'de', 'be', 'paris'].includes(tld) && owner?.address?.country === 'GB' && 'an EU owner for an EU TLD',
      domain.nameServerType === 'hosted' && !domain.nameServers.every(server => server.nameServer.endsWith('.ovh.net')) && 'OVH name servers when hosted',
      domain.nameServers.some(server => (server.ipv4 !== null) !== server.nameServer.endsWith(`.${domain.domain}`)) && 'glue exactly for in-zone name servers'
    ].filter(Boolean)
    if (problems.length > 0) {
      t.fail(`${domain.domain}: ${problems.join('; ')}`, { domain })
      return
    }
  }
  t.pass('every generated domain is consistent')

  // Served like any domain: batch reads of 50, each value exactly OVH's model.
  const names = domains.slice(0, 50).map(domain => domain.domain)
  const details = await batchRead(served, list => `/domain/${list}`, names)
  t.same(details.map(item => item.key), names)
  const problems = details.flatMap(item => checkValue(sandbox.schema, 'domain.DomainServiceWithIAM', item.value, { mode: 'response', file: 'domain' }))
  t.same(problems, [], 'DomainServiceWithIAM as OVH sends it')
  const infos = await ovhCall(served, { path: `/domain/${names[0]}/serviceInfos` })
  t.same(checkValue(sandbox.schema, 'services.Service', infos.body, { mode: 'response', file: 'domain' }), [])
  const owner = await ovhCall(served, { path: `/me/contact/${details[0].value.whoisOwner}` })
  t.equal(owner.status, 200, 'the owner is a readable contact')
})

t.test('a snapshot keeps only the generated domains that changed', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'ovh-sandbox-portfolio-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const persistPath = join(dir, 'state.json')
  const first = createSandbox({ extraDomains: 5000, persistPath })
  const [renewed, removed] = generated(first).slice(10, 12).map(domain => domain.domain)
  first.admin.updateDomain({ domain: renewed, renewalState: 'manual_renew', expiration: '2031-05-04' })
  first.admin.removeDomain({ domain: removed })
  await first.close()

  const saved = JSON.parse(readFileSync(persistPath, 'utf8'))
  const savedDomains = Object.keys(saved.accounts['demo-ovh'].domains)
  t.equal(savedDomains.length, SEEDED + 1, 'the seeded domains and the changed one')
  t.ok(savedDomains.includes(renewed))
  t.equal(saved.accounts['demo-ovh'].portfolio.removed.length, 1, 'the removed one by index')
  t.ok(statSync(persistPath).size < 3_000_000, `a small file (${statSync(persistPath).size} bytes; the owners are most of it)`)

  const second = createSandbox({ extraDomains: 5000, persistPath })
  const domains = second.state.accounts['demo-ovh'].domains
  t.equal(Object.keys(domains).length, SEEDED + 4999)
  t.equal(domains[removed], undefined, 'a removed domain stays removed')
  t.match(second.admin.domain({ domain: renewed }).serviceInfos, { expiration: '2031-05-04', renew: { automatic: false } }, 'a change survives')
  t.same(Object.keys(domains), Object.keys(domains).slice().sort(), 'rebuilt in name order')
  // Compared as JSON text: t.same on 5000 objects would take seconds.
  const others = (all: Record<string, DomainState>): string => JSON.stringify(Object.keys(all).sort().filter(name => name !== renewed).map(name => all[name]))
  t.ok(others(domains) === others(first.state.accounts['demo-ovh'].domains), 'the others rebuilt exactly')
  await second.close()

  const fewer = createSandbox({ extraDomains: 10, persistPath })
  t.equal(Object.keys(fewer.state.accounts['demo-ovh'].domains).length, SEEDED + 10, 'another number replaces the generated domains')
  await fewer.close()
  const kept = createSandbox({ persistPath, extraDomains: undefined })
  t.equal(Object.keys(kept.state.accounts['demo-ovh'].domains).length, SEEDED + 10, 'no number keeps what the snapshot has')
  kept.admin.reset()
  t.equal(Object.keys(kept.state.accounts['demo-ovh'].domains).length, SEEDED + 10, 'and a reset seeds that many again')
  await kept.close()
})

t.test('reset with another number over HTTP', async t => {
  const served = await serveSandbox(t)
  t.equal((await adminCall(served, 'POST', '/reset', { extraDomains: 120 })).status, 200)
  t.equal((await ovhCall(served, { path: '/domain' })).body.length, SEEDED + 120)
  t.equal((await adminCall(served, 'POST', '/reset', { seed: 'empty', extraDomains: 30 })).status, 200)
  t.equal((await ovhCall(served, { path: '/domain' })).body.length, 30, 'an empty seed takes generated domains too')
  t.equal((await adminCall(served, 'POST', '/reset', { extraDomains: 200_001 })).status, 400)
  t.equal((await adminCall(served, 'POST', '/reset', { extraDomains: -1 })).status, 400)
  t.throws(() => served.sandbox.admin.reset({ extraDomains: 0.5 }), /extraDomains/)
})

t.test('100,000 domains: generated in seconds, listed and read fast', async t => {
  const started = performance.now()
  const served = await serveSandbox(t, { extraDomains: 100_000 })
  const generatedMs = performance.now() - started
  t.comment(`generated 100,000 domains in ${Math.round(generatedMs)} ms; heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB, RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`)
  // A few seconds on a developer's machine; generous here for a loaded CI runner.
  t.ok(generatedMs < 30_000, 'within seconds')

  let at = performance.now()
  const listed = (await ovhCall(served, { path: '/domain' })).body as string[]
  const listMs = performance.now() - at
  t.equal(listed.length, SEEDED + 100_000)
  t.comment(`GET /domain: ${Math.round(listMs)} ms for ${listed.length} names`)

  // Ids from across the list: a lookup is by key, whatever the position.
  const times: number[] = []
  for (let round = 0; round < 10; round++) {
    const names = Array.from({ length: 50 }, (_, i) => listed[(round * 50 + i) * 199 % listed.length])
    at = performance.now()
    const items = await batchRead(served, list => `/domain/${list}`, names)
    times.push(performance.now() - at)
    t.equal(items.filter(item => item.error === null).length, 50)
  }
  times.sort((a, b) => a - b)
  t.comment(`batch GET /domain/{50 ids}: median ${times[5].toFixed(1)} ms`)
  t.ok(times[5] < 1000, 'a batch read of 50 does not scan the portfolio')
})
