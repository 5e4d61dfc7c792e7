// The sandbox for tests: standalone on its own port, or shaped for a test (a bigger portfolio).
import Fastify from 'fastify'
import { createSandbox, sandboxPlugin } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import type { Teardown } from './database.js'

/** A sandbox on its own port, as `npm run sandbox` runs it; `baseUrl` ends with /1.0. */
export async function startStandaloneSandbox (t: Teardown): Promise<{ sandbox: Sandbox, baseUrl: string }> {
  const sandbox = createSandbox({ seed: 'demo' })
  const server = Fastify()
  await server.register(sandboxPlugin, { sandbox })
  await server.listen({ port: 0, host: '127.0.0.1' })
  t.teardown(() => server.close())
  const address = server.server.address()
  return { sandbox, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/1.0` }
}

/** Adds `count` domains (copies of a seeded one) to an account; returns their names. */
export function addDomains (sandbox: Sandbox, account: string, count: number, prefix = 'bulk'): string[] {
  const domains = sandbox.state.accounts[account].domains
  const model = Object.values(domains)[0]
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${String(i).padStart(3, '0')}.com`
    domains[name] = structuredClone({ ...model, domain: name, serviceId: model.serviceId + 10_000 + i, iamId: `${model.iamId.slice(0, -4)}${String(i).padStart(4, '0')}` })
    names.push(name)
  }
  return names
}

export function lastCallId (sandbox: Sandbox): number {
  return sandbox.admin.calls().at(-1)?.id ?? 0
}

/** Gives each named domain of the account a DNS zone: a copy of a seeded zone's records and SOA. */
export function addZones (sandbox: Sandbox, account: string, names: string[], model = `${account.replace(/-ovh$/, '')}-shop.com`): void {
  const zones = sandbox.state.accounts[account].zones!
  const source = zones[model]
  let nextRecordId = Math.max(...Object.values(zones).flatMap(zone => Object.keys(zone.records).map(Number))) + 1
  names.forEach((name, index) => {
    // Zones of different sizes, so counts tell them apart.
    const records = Object.values(source.records).slice(0, 3 + (index % 10)).map(record => ({ ...record, id: nextRecordId++ }))
    zones[name] = { ...structuredClone(source), name, tasks: {}, records: Object.fromEntries(records.map(record => [String(record.id), record])) }
  })
  sandbox.state.sequences.recordId = nextRecordId
}
