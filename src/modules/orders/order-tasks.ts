// From an order to the domain task it created: OVH does not link them, so the task is the newest
// of the domain's tasks of the function the order line implies (DomainCreate for a registration,
// DomainIncomingTransfer for a transfer, DomainTrade for an owner change, DomainRenew for a
// renewal), created after the order.
import type { Caller } from '../../upstream/caller.js'
import { getTask } from '../tasks/service.js'
import type { DomainTask } from '../tasks/schemas.js'

export const TASK_OF_ACTION: Record<string, string> = { create: 'DomainCreate', transfer: 'DomainIncomingTransfer', trade: 'DomainTrade', renew: 'DomainRenew', restore: 'DomainRestore' }

// An INSTALLATION line is the DNS zone OVH adds with a registered or transferred domain (OVH-API.md
// 5.1): it creates no domain task of its own, so it is linked to none (and costs no task lookup).
const ACTION_OF_DETAIL: Record<string, string> = { DURATION: 'create', INSTALLATION: 'zone', TRANSFER: 'transfer', SPECIAL: 'trade', RENEW: 'renew', OTHER: 'restore' }

export function actionOfDetail (detailType: string | null, planCode?: string | null): string | null {
  if (planCode?.endsWith('-trade') === true) return 'trade'
  return detailType === null ? null : ACTION_OF_DETAIL[detailType] ?? null
}

// Task lists read once per request and (domain, function).
function taskIds (caller: Caller, domain: string, fn: string): Promise<number[]> {
  const lists = caller.memo('orders.taskIds', () => new Map<string, Promise<number[]>>())
  const key = `${domain} ${fn}`
  let ids = lists.get(key)
  if (ids === undefined) {
    ids = caller.ovh().then(client => client.get<number[]>('/me/task/domain', { query: { domain, function: fn } }))
    lists.set(key, ids)
  }
  return ids
}

/** The task an order line created, once OVH delivered it; null before (or for another kind of line). */
export async function taskOfOrderLine (caller: Caller, domain: string, action: string | null, orderDate: string | null): Promise<DomainTask | null> {
  const functions = action === null ? Object.values(TASK_OF_ACTION) : [TASK_OF_ACTION[action]].filter(Boolean)
  // OVH's clock and ours may differ a little: tasks from a minute before the order still count.
  const since = orderDate === null ? 0 : Date.parse(orderDate) - 60_000
  for (const fn of functions) {
    const ids = [...await taskIds(caller, domain, fn)].sort((a, b) => b - a)
    for (const id of ids.slice(0, 3)) {
      const task = await getTask(caller, id)
      if (task !== null && Date.parse(String(task.creationDate)) >= since) return task
    }
  }
  return null
}
