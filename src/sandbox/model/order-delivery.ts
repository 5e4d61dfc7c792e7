// What delivering a paid order item does: it creates the domain task OVH would (DomainCreate,
// DomainIncomingTransfer, DomainTrade), and the handlers of DomainCreate and DomainTrade apply
// their result (DomainIncomingTransfer's handler is the tasks area's: it checks the auth code).
// A DomainTrade first waits, in `todo`, for the current and the new owner to validate the change
// (OVH emails both; docs/OVH-API.md 6.4 step 6): in the sandbox both validate TRADE_VALIDATION_MS
// of sandbox time after the task is created, then it runs as any task.
import type { SandboxCore } from '../core.js'
import { buildDomain } from './new-domain.js'
import type { OrderItemState } from '../state/order-types.js'
import { nextId } from '../state/types.js'
import type { AccountState, DomainTaskState } from '../state/types.js'
import { authCodeOf } from './availability.js'
import { parseContactPath } from './carts.js'
import { yearsOf } from './catalog.js'
import { DOMAIN_TASK_START, createDomainTask } from './domain-tasks.js'
import type { DomainTaskHandler } from './domain-tasks.js'
import { expiryElsewhere } from './incoming-transfer.js'
import type { IncomingTransferPayload } from './incoming-transfer.js'
import { addYears } from './renewals.js'
import type { DomainRenewPayload } from './renewals.js'
import type { ItemDelivery } from './orders.js'
import { applyDomainOptions, deliverDomainOption, optionsOfTask } from './domain-options.js'
import type { EventHandler } from '../scheduler.js'
import { DAY } from '../time.js'

export const TRADE_VALIDATED = 'trade.validated'
// How long the owners take to validate a trade in the sandbox (OVH gives them days).
export const TRADE_VALIDATION_MS = DAY
export const TRADE_WAITING_COMMENT = 'Waiting for the current and the new owner to validate the change (emails sent to both)'

// What the DomainCreate task needs to build the domain.
export interface DomainCreatePayload {
  orderId: number
  years: number
  ownerId: number | null
  admin: string | null
  tech: string | null
  // Name servers of the DNS configuration; null for OVH's DNS.
  nameServers: string[] | null
}

export interface DomainRestorePayload {
  orderId: number
}

export interface DomainTradePayload {
  orderId: number
  ownerId: number
}

function configuration (item: OrderItemState, label: string): string | undefined {
  return item.configurations.findLast(candidate => candidate.label === label)?.value
}

function ownerOf (item: OrderItemState): number | null {
  const value = configuration(item, 'OWNER_CONTACT')
  return value === undefined ? null : parseContactPath(value)
}

export const deliverOrderItem: ItemDelivery = (sandbox, order, item) => {
  const account = order.account
  if (item.action === 'create') {
    const dns = configuration(item, 'DNS')
    const payload: DomainCreatePayload = {
      orderId: order.orderId,
      years: yearsOf(item.duration) ?? 1,
      ownerId: ownerOf(item),
      admin: configuration(item, 'ADMIN_ACCOUNT') ?? null,
      tech: configuration(item, 'TECH_ACCOUNT') ?? null,
      nameServers: dns === undefined ? null : dns.split(',').map(host => host.trim().toLowerCase())
    }
    return createDomainTask(sandbox, { account, domain: item.domain, function: 'DomainCreate', payload }).id
  }
  if (item.action === 'option') {
    // Its domain item comes first in the order, and was delivered just before.
    const parent = order.items.find(other => other.domain === item.domain && (other.action === 'create' || other.action === 'transfer'))
    const accountState = sandbox.state.accounts[account]
    if (accountState !== undefined) deliverDomainOption(accountState, parent?.taskId == null ? undefined : accountState.domainTasks[String(parent.taskId)], item.domain, item.planCode)
    return null
  }
  if (item.action === 'renew') {
    const payload: DomainRenewPayload = { orderId: order.orderId, years: yearsOf(item.duration) ?? 1 }
    return createDomainTask(sandbox, { account, domain: item.domain, function: 'DomainRenew', payload }).id
  }
  if (item.action === 'restore') {
    const payload: DomainRestorePayload = { orderId: order.orderId }
    return createDomainTask(sandbox, { account, domain: item.domain, function: 'DomainRestore', payload }).id
  }
  if (item.action === 'transfer') {
    const payload: IncomingTransferPayload = {
      authInfo: configuration(item, 'AUTH_INFO') ?? null,
      expectedAuthInfo: authCodeOf(item.domain),
      ownerId: ownerOf(item),
      currentExpiration: expiryElsewhere(sandbox, item.domain, sandbox.clock.now())
    }
    return createDomainTask(sandbox, { account, domain: item.domain, function: 'DomainIncomingTransfer', payload }).id
  }
  const ownerId = ownerOf(item)
  if (ownerId === null) return null
  const payload: DomainTradePayload = { orderId: order.orderId, ownerId }
  const task = createDomainTask(sandbox, { account, domain: item.domain, function: 'DomainTrade', payload })
  // Not started until both owners validated: the task's start is replaced by the validation.
  if (task.eventId !== null) sandbox.scheduler.cancel(task.eventId)
  task.comment = TRADE_WAITING_COMMENT
  task.todoDate = sandbox.clock.now() + TRADE_VALIDATION_MS * sandbox.pace
  task.eventId = sandbox.scheduler.schedule(task.todoDate, TRADE_VALIDATED, { account, id: task.id })
  return task.id
}

/** Both owners validated a waiting DomainTrade: it starts now (a stale event is ignored). */
export function tradeValidationEvents (sandbox: SandboxCore): Record<string, EventHandler> {
  return {
    [TRADE_VALIDATED] (payload: { account: string, id: number }, { event }) {
      const task = sandbox.state.accounts[payload.account]?.domainTasks[String(payload.id)]
      if (task === undefined || task.eventId !== event.id || task.status !== 'todo') return
      task.comment = null
      task.lastUpdate = event.at
      task.eventId = sandbox.scheduler.schedule(event.at, DOMAIN_TASK_START, payload)
    }
  }
}

function accountOfTask (sandbox: SandboxCore, task: DomainTaskState): AccountState | undefined {
  return sandbox.state.accounts[task.account]
}

export const domainCreateHandler: DomainTaskHandler = {
  done (sandbox, task) {
    const account = accountOfTask(sandbox, task)
    if (account === undefined || account.domains[task.domain] !== undefined) return
    const payload = task.payload as DomainCreatePayload
    const ownerId = payload.ownerId ?? Object.values(account.contacts)[0]?.id
    if (ownerId === undefined) return
    const now = sandbox.clock.now()
    const domain = buildDomain(sandbox.state, account, task.domain, {
      state: 'ok',
      expiresInDays: 0,
      ageDays: 0,
      automatic: true,
      lock: 'locked',
      dns: payload.nameServers === null ? 'hosted' : 'external'
    }, ownerId, now)
    domain.creation = now
    // Registries count calendar years: registered on 7 December, it expires on 7 December.
    domain.expiration = addYears(now, payload.years)
    domain.lastUpdate = now
    if (payload.admin !== null) domain.contacts.admin = payload.admin
    if (payload.tech !== null) domain.contacts.tech = payload.tech
    if (payload.nameServers !== null) {
      domain.nameServers = payload.nameServers.map(host => ({
        id: nextId(sandbox.state, 'nameServerId', 4_000_001),
        nameServer: host,
        ipv4: null,
        ipv6: null,
        nameServerType: 'external' as const
      }))
    }
    account.domains[task.domain] = domain
    applyDomainOptions(account, task.domain, optionsOfTask(task))
  }
}

// The registry takes the domain out of redemption and renews it for a year from its old expiry.
export const domainRestoreHandler: DomainTaskHandler = {
  run (sandbox, task) {
    const domain = accountOfTask(sandbox, task)?.domains[task.domain]
    if (domain === undefined) return { comment: 'The domain is no longer on this account' }
    if (domain.state !== 'pending_delete') return { comment: `The domain is ${domain.state}, no longer in redemption` }
    return null
  },
  done (sandbox, task) {
    const domain = accountOfTask(sandbox, task)?.domains[task.domain]
    if (domain === undefined) return
    domain.state = 'ok'
    domain.expiration = addYears(domain.expiration, 1)
    domain.renew.deleteAtExpiration = false
    domain.lastUpdate = sandbox.clock.now()
  }
}

// The registry updates the owner once the task is done (it ran after both owners validated).
export const domainTradeHandler: DomainTaskHandler = {
  run (sandbox, task) {
    const account = accountOfTask(sandbox, task)
    const payload = task.payload as DomainTradePayload
    if (account?.domains[task.domain] === undefined) return { comment: 'The domain is no longer on this account' }
    if (account.contacts[String(payload.ownerId)] === undefined) return { comment: `Contact ${payload.ownerId} no longer exists` }
    return null
  },
  done (sandbox, task) {
    const domain = accountOfTask(sandbox, task)?.domains[task.domain]
    if (domain === undefined) return
    domain.contacts.owner = String((task.payload as DomainTradePayload).ownerId)
    domain.lastUpdate = sandbox.clock.now()
  }
}
