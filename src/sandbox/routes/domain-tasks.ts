// Domain tasks, per domain (/domain/{serviceName}/task*) and account-wide (/me/task/domain*, with
// the argument and progress bar routes only OVH's account family has). @see docs/OVH-API.md 4
import { defineRoute } from '../http/route.js'
import type { OvhCallContext, SandboxArea } from '../http/route.js'
import { findDomain } from '../model/domains.js'
import {
  accelerateTask, cancelTask, findDomainTask, listDomainTasks, relaunchTask, setTaskArgument, toDomainTask, toProgressBar, toTaskArgument
} from '../model/domain-tasks.js'
import type { DomainTaskState } from '../model/domain-tasks.js'
import { incomingTransferHandler } from '../model/incoming-transfer.js'
import { notFound } from '../errors.js'
import type { DomainTaskStatus } from '../state/types.js'
import { formatDateTime } from '../time.js'

type Action = (context: OvhCallContext, task: DomainTaskState) => void

const ACTIONS: Record<'accelerate' | 'cancel' | 'relaunch', Action> = {
  accelerate: ({ sandbox }, task) => accelerateTask(sandbox, task),
  cancel: ({ sandbox }, task) => cancelTask(sandbox, task),
  relaunch: ({ sandbox }, task) => relaunchTask(sandbox, task)
}

// The task of a per-domain route: the domain must be the caller's, and the task that domain's.
function domainTaskOf ({ account, params }: OvhCallContext): DomainTaskState {
  const domain = findDomain(account, String(params.serviceName))
  return findDomainTask(account, Number(params.id), domain.domain)
}

function meTaskOf ({ account, params }: OvhCallContext): DomainTaskState {
  return findDomainTask(account, Number(params.id))
}

function perform (action: Action, taskOf: (context: OvhCallContext) => DomainTaskState) {
  return (context: OvhCallContext) => {
    action(context, taskOf(context))
    return null
  }
}

export const domainTasksArea: SandboxArea = {
  name: 'domain-tasks',
  taskHandlers: {
    DomainIncomingTransfer: incomingTransferHandler
  },
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/task',
      handler ({ account, params, query }) {
        const domain = findDomain(account, String(params.serviceName))
        return listDomainTasks(account, { domain: domain.domain, function: query.function as string | undefined, status: query.status as DomainTaskStatus | undefined })
      }
    }),
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/task/{id}',
      batch: true,
      handler: context => toDomainTask(domainTaskOf(context), formatDateTime)
    }),
    ...(['accelerate', 'cancel', 'relaunch'] as const).map(name => defineRoute({
      method: 'POST',
      path: `/domain/{serviceName}/task/{id}/${name}`,
      handler: perform(ACTIONS[name], domainTaskOf)
    })),

    defineRoute({
      method: 'GET',
      path: '/me/task/domain',
      handler: ({ account, query }) => listDomainTasks(account, {
        domain: query.domain as string | undefined,
        function: query.function as string | undefined,
        status: query.status as DomainTaskStatus | undefined
      })
    }),
    defineRoute({
      method: 'GET',
      path: '/me/task/domain/{id}',
      batch: true,
      handler: context => toDomainTask(meTaskOf(context), formatDateTime)
    }),
    ...(['accelerate', 'cancel', 'relaunch'] as const).map(name => defineRoute({
      method: 'POST',
      path: `/me/task/domain/{id}/${name}`,
      handler: perform(ACTIONS[name], meTaskOf)
    })),
    defineRoute({
      method: 'GET',
      path: '/me/task/domain/{id}/argument',
      handler: context => Object.keys(meTaskOf(context).arguments).sort()
    }),
    defineRoute({
      method: 'GET',
      path: '/me/task/domain/{id}/argument/{key}',
      batch: true,
      handler (context) {
        const key = String(context.params.key)
        const argument = meTaskOf(context).arguments[key]
        if (argument === undefined) throw notFound(`The requested object (key = ${key}) does not exist`)
        return toTaskArgument(argument)
      }
    }),
    defineRoute({
      method: 'PUT',
      path: '/me/task/domain/{id}/argument/{key}',
      handler (context) {
        const body = context.body as { value?: string | null }
        setTaskArgument(meTaskOf(context), String(context.params.key), body.value, context.now)
        return null
      }
    }),
    defineRoute({
      method: 'GET',
      path: '/me/task/domain/{id}/progressbar',
      handler: context => toProgressBar(meTaskOf(context), formatDateTime)
    })
  ]
}
