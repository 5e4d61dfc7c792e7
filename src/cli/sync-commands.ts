// The mirror's admin commands: the sync key (`sync key request`, `sync key show`), the sync's
// status (`sync status`) and `sync run`, which runs the due sync jobs now in this process (with a
// progress bar on a TTY during a first sync) until the accounts are mirrored or --timeout passes.
// Jobs keep graphile-worker's locks: a gateway's workers and this never run one job twice.
import { setTimeout as sleep } from 'node:timers/promises'
import { tenantBySlug } from '../admin/context.js'
import { requestSyncKey, showSyncKey } from '../mirror/sync-key.js'
import { createJobQueue } from '../jobs/queue.js'
import { workerLogger } from '../jobs/logger.js'
import { runDueJobs } from '../jobs/run-due.js'
import { createMirrorSync } from '../mirror/sync.js'
import { discoverAccounts } from '../mirror/sync-keys.js'
import { activityJob, domainsJob, JOB } from '../mirror/job-names.js'
import type { MirrorAccountStatus } from '../mirror/status.js'
import { badUserInput } from '../errors.js'
import { requireTenant, str, tenantOption, withAdmin } from './command.js'
import type { Command } from './command.js'

/** `[#########.........] 4,950/10,013 domains` */
export function progressBar (status: Pick<MirrorAccountStatus, 'ovhAccount' | 'domainsKnown' | 'domainsSynced' | 'callsUsed'>, width = 30): string {
  const share = status.domainsKnown === 0 ? 0 : Math.min(1, status.domainsSynced / status.domainsKnown)
  const done = Math.round(share * width)
  return `${status.ovhAccount} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${status.domainsSynced.toLocaleString('en')}/${status.domainsKnown.toLocaleString('en')} domains, ${status.callsUsed} calls`
}

export const syncCommands: Record<string, Command> = {
  'sync:key:request': {
    help: 'Request the tenant\'s sync key (read-only OVH consumer key of the mirror); prints the URL where an admin approves it',
    options: { tenant: tenantOption, email: { type: 'string', help: 'the admin who requests it (default: the tenant\'s first admin)' } },
    run: (config, o, _p, io) => withAdmin(config, io, ctx => requestSyncKey(ctx, { tenant: requireTenant(o), email: str(o, 'email') }))
  },
  'sync:key:show': {
    help: 'Show the state of the tenant\'s sync key (--check asks OVH)',
    options: { tenant: tenantOption, check: { type: 'boolean', help: 'refresh the state from OVH' } },
    run: (config, o, _p, io) => withAdmin(config, io, ctx => showSyncKey(ctx, { tenant: requireTenant(o), check: o.check === true }))
  },
  'sync:status': {
    help: 'The mirror\'s sync per OVH account: state, domains, last full sync, lag, calls used, last error',
    options: { tenant: { type: 'string', help: 'only this tenant' } },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      const tenant = str(o, 'tenant')
      const tenantId = tenant ? (await tenantBySlug(ctx, tenant)).id : undefined
      const queue = createJobQueue({ connectionString: ctx.databaseUrl, log: ctx.log })
      try {
        return await createMirrorSync({ db: ctx.db, stores: ctx.stores, registry: ctx.registry, queue, config: config.mirror, log: ctx.log }).status({ tenantId })
      } finally {
        await queue.close()
      }
    })
  },
  'sync:run': {
    help: 'Run the mirror\'s sync now, here, until the accounts are mirrored (a progress bar on a TTY)',
    options: {
      tenant: { type: 'string', help: 'only this tenant' },
      timeout: { type: 'string', help: 'give up after this many seconds (default 600)' }
    },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      const timeoutSeconds = Number(str(o, 'timeout') ?? 600)
      if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 86_400) {
        throw badUserInput('invalid --timeout', [{ field: 'timeout', message: 'is a whole number of seconds, 1 to 86400' }])
      }
      const tenant = str(o, 'tenant')
      const tenantId = tenant ? (await tenantBySlug(ctx, tenant)).id : undefined
      const queue = createJobQueue({ connectionString: ctx.databaseUrl, log: ctx.log })
      const mirror = createMirrorSync({ db: ctx.db, stores: ctx.stores, registry: ctx.registry, queue, config: config.mirror, log: ctx.log })
      const bar = io.stderr.isTTY ? io.stderr : null
      const show = async () => {
        if (!bar) return
        const statuses = await mirror.status({ tenantId })
        bar.write(`\r${statuses.filter(status => status.state === 'initial' || status.state === 'pending').map(status => progressBar(status)).join('  ')}\x1b[K`)
      }
      const ticker = setInterval(() => { show().catch(() => {}) }, 500)
      try {
        const accounts = (await discoverAccounts({ db: ctx.db })).filter(account => tenantId === undefined || account.tenantId === tenantId)
        // Now: the accounts' jobs are brought forward (or created).
        for (const account of accounts) {
          await queue.addJob(JOB.domains, { accountId: account.id }, domainsJob(account.id, new Date()))
          await queue.addJob(JOB.activity, { accountId: account.id }, activityJob(account.id, new Date()))
        }
        const deadline = Date.now() + timeoutSeconds * 1000
        const logger = workerLogger(ctx.log)
        for (;;) {
          await runDueJobs({ connectionString: ctx.databaseUrl, taskList: mirror.tasks, logger, queue, log: ctx.log })
          const statuses = (await mirror.status({ tenantId })).filter(status => accounts.some(account => account.id === status.accountId))
          const settled = statuses.every(status => status.state === 'ready' || status.state === 'failed')
          if (settled || Date.now() >= deadline) {
            return { complete: settled && statuses.every(status => status.state === 'ready'), accounts: statuses }
          }
          // Waiting for the budget share to free up, or for another process's worker.
          await sleep(1_000)
        }
      } finally {
        clearInterval(ticker)
        await show().catch(() => {})
        bar?.write('\n')
        await queue.close()
      }
    }),
    failure: (result) => (result as { complete: boolean }).complete ? null : 'not every account is mirrored yet: see the accounts\' state and lastError'
  }
}
