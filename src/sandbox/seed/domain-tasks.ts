// The demo account's domain tasks: a few in each state, and ONE failed incoming transfer waiting
// for its `authInfo` argument (SANDBOX.md), so the fix-and-relaunch flow can be tried at once.
import { DOMAIN_TASK_FINISH, DOMAIN_TASK_START, newTaskState, TASK_RUN_MS } from '../model/domain-tasks.js'
import { authInfoArgument } from '../model/incoming-transfer.js'
import type { IncomingTransferPayload } from '../model/incoming-transfer.js'
import { insertEvent } from '../scheduler.js'
import type { AccountState, DomainTaskStatus, SandboxState } from '../state/types.js'
import { DAY, HOUR, MINUTE } from '../time.js'
import { slugOf } from './slug.js'

// The code the seeded failed transfer accepts (documented in docs/tasks.md).
export const SEEDED_TRANSFER_AUTH_CODE = 'MOVE-2024-ok'

interface SeededTask {
  label: string
  function: string
  status: DomainTaskStatus
  // Relative to seeding time.
  createdMs: number
  todoMs: number
  updatedMs: number
  // For a task still waiting or running: when it moves next.
  nextMs?: number
  comment?: string
}

const TASKS: SeededTask[] = [
  { label: 'shop.com', function: 'DomainDnsUpdate', status: 'done', createdMs: -10 * DAY, todoMs: -10 * DAY + MINUTE, updatedMs: -10 * DAY + 6 * MINUTE },
  { label: 'app.io', function: 'DomainCreate', status: 'done', createdMs: -230 * DAY, todoMs: -230 * DAY + MINUTE, updatedMs: -230 * DAY + 9 * MINUTE },
  { label: 'closing.net', function: 'DomainUnlock', status: 'cancelled', createdMs: -50 * DAY, todoMs: -50 * DAY + MINUTE, updatedMs: -50 * DAY + 30 * MINUTE },
  // A renewal OVH planned ahead of expiry: still waiting, so it can be accelerated or cancelled.
  { label: 'blog.net', function: 'DomainRenew', status: 'todo', createdMs: -HOUR, todoMs: 2 * DAY, updatedMs: -HOUR, nextMs: 2 * DAY },
  // A registry update running for a while: it can be neither cancelled nor accelerated.
  { label: 'shop.com', function: 'DomainDsUpdate', status: 'doing', createdMs: -20 * MINUTE, todoMs: -19 * MINUTE, updatedMs: -19 * MINUTE, nextMs: HOUR }
]

export function seedDomainTasks (state: SandboxState, account: AccountState, now: number): void {
  const slug = slugOf(account.nic)
  for (const spec of TASKS) {
    const task = newTaskState(state, account, { domain: `${slug}-${spec.label}`, function: spec.function }, now + spec.createdMs)
    task.status = spec.status
    task.todoDate = now + spec.todoMs
    task.lastUpdate = now + spec.updatedMs
    task.comment = spec.comment ?? null
    if (spec.status === 'done') task.doneDate = task.lastUpdate
    if (spec.status === 'done') task.runs = 1
    if (spec.nextMs !== undefined) {
      task.eventId = insertEvent(state, now + spec.nextMs, spec.status === 'todo' ? DOMAIN_TASK_START : DOMAIN_TASK_FINISH, { account: account.nic, id: task.id })
    }
  }

  const payload: IncomingTransferPayload = { authInfo: 'old-code-1234', expectedAuthInfo: SEEDED_TRANSFER_AUTH_CODE, ownerId: Number(Object.keys(account.contacts)[0]) }
  const transfer = newTaskState(state, account, { domain: `${slug}-moving.com`, function: 'DomainIncomingTransfer', payload }, now - 2 * DAY)
  transfer.status = 'error'
  transfer.todoDate = now - 2 * DAY + MINUTE
  transfer.lastUpdate = transfer.todoDate + TASK_RUN_MS
  transfer.runs = 1
  transfer.comment = 'The authorization code (authInfo) was refused by the current registrar: correct it, then relaunch the task'
  transfer.arguments.authInfo = authInfoArgument(payload.authInfo)
}
