// The three callers the isolation matrix sends against each operation, and what each must never
// reach: another tenant (on another OVH account), a user limited to another customer, and a key of
// the victim's own tenant with a narrower scope (read only). Shared by the REST and GraphQL matrices.
import type { TestApp } from '../helper.js'
import { rest, seedUser } from './fixtures.js'
import { customerWorld } from './customers.js'
import type { CustomerWorld } from './customers.js'
import type { CallRecord } from '../../src/sandbox/admin/call-log.js'

export interface Victim {
  // Domain names and ids of objects the probing caller must not reach, by parameter kind.
  domain: string
  ids: Record<string, string>
  // What must not appear in an answer to the prober (domain names).
  secrets: string[]
}

export interface Probe {
  name: 'another tenant' | 'another customer' | 'narrower scope'
  apiKey: string
  victim: Victim
  // Whether an OVH call the probe made touched what it must not reach.
  forbiddenCall: (call: CallRecord) => boolean
  // Only operations that change something (the narrower scope may read its own tenant).
  writesOnly: boolean
}

export interface Matrix {
  world: CustomerWorld
  probes: Probe[]
}

export async function isolationMatrix (ctx: TestApp): Promise<Matrix> {
  const world = await customerWorld(ctx)
  const other = ctx.sandbox.admin.createAccount({ seed: 'demo' })
  const bob = await seedUser(ctx, { account: other.nic })
  const account = ctx.sandbox.state.accounts[ctx.sandbox.demo.account]
  const taskOf = (domains: string[]) => String(Object.values(account.domainTasks).find(task => domains.includes(task.domain))?.id ?? 1)
  const readKey = (await rest(ctx, world.admin.apiKey, 'POST', `/v1/users/${world.admin.user.id}/api-keys`, { scopes: ['read'] })).body.key as string
  const accountDomains = Object.keys(account.domains)
  const victimIds = (domains: string[]) => ({ task: taskOf(domains), user: world.admin.user.id, customer: world.b.id })
  const otherCustomers = [...world.bDomains, ...world.unowned]
  // Names as a call spells them: path segments, batch lists and query values.
  const named = (call: CallRecord, domains: string[]) => call.path.split(/[/?=&,]/).some(part => domains.includes(decodeURIComponent(part)))
  return {
    world,
    probes: [
      {
        name: 'another tenant',
        apiKey: bob.apiKey,
        victim: { domain: world.bDomains[0], ids: victimIds(world.bDomains), secrets: accountDomains },
        // Bob signs with his own key on his own account: nothing may reach the victim's account.
        forbiddenCall: call => call.account === ctx.sandbox.demo.account,
        writesOnly: false
      },
      {
        name: 'another customer',
        apiKey: world.aUser.apiKey,
        victim: { domain: world.bDomains[0], ids: victimIds(world.bDomains), secrets: otherCustomers },
        // A's user signs with the tenant's key: no call may name another customer's domain or change anything.
        forbiddenCall: call => call.method !== 'GET' || named(call, otherCustomers),
        writesOnly: false
      },
      {
        name: 'narrower scope',
        apiKey: readKey,
        victim: { domain: world.aDomains[0], ids: victimIds(world.aDomains), secrets: [] },
        forbiddenCall: () => true,
        writesOnly: true
      }
    ]
  }
}
