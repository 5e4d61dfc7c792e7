// GraphQL: Query.domainTasks/domainTask, Domain.tasks, DomainTask details (progress bar, arguments)
// and the task mutations.
import DataLoader from 'dataloader'
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import type { Caller } from '../../upstream/caller.js'
import { connectionOf } from '../shared/pagination.js'
import type { OvhDomain } from '../domains/schemas.js'
import type { DomainTask, TaskFilter } from './schemas.js'
import {
  checkPaging, getProgressBar, getTask, listTaskArguments, listTasks, parseTaskFilter, runTaskAction, setTaskArgument, taskIdsByDomain, taskPage
} from './service.js'

// Domain.tasks on a page of domains: one loader per filter, so every domain of the page is served
// by the same account-wide list and batch reads (service.taskIdsByDomain).
function tasksByDomain (caller: Caller, filter: TaskFilter): DataLoader<string, number[]> {
  return caller.memo(`tasks.byDomain ${JSON.stringify(filter)}`, () => new DataLoader<string, number[]>(async domains => {
    const ids = await taskIdsByDomain(caller, domains, filter)
    return domains.map(domain => ids.get(domain) ?? [])
  }))
}

export const tasksResolvers: Resolvers = {
  Query: {
    domainTasks: async (_root, args, { caller }) => {
      const page = await listTasks(caller, args)
      return { ...connectionOf(page), source: page.source }
    },
    domainTask: (_root, { id, maxAge, live }, { caller }) => getTask(caller, id, undefined, { maxAge, live })
  },
  Mutation: {
    accelerateDomainTask: (_root, { id }, { caller }) => runTaskAction(caller, 'accelerate', { id }),
    cancelDomainTask: (_root, { id }, { caller }) => runTaskAction(caller, 'cancel', { id }),
    relaunchDomainTask: (_root, { id }, { caller }) => runTaskAction(caller, 'relaunch', { id }),
    setDomainTaskArgument: (_root, { id, key, value }, { caller }) => setTaskArgument(caller, { id, key, value })
  },
  Domain: {
    tasks: async (domain: OvhDomain, { first, after, filter }, { caller }) => {
      checkPaging({ first, after })
      const parsed = parseTaskFilter({ ...filter, domain: undefined })
      const ids = await tasksByDomain(caller, parsed).load(domain.domain)
      const page = await taskPage(caller, ids, { first, after })
      return { ...connectionOf(page), source: page.source }
    }
  },
  DomainTask: {
    progressBar: (task: DomainTask, _args, { caller }) => getProgressBar(caller, task.id),
    arguments: (task: DomainTask, _args, { caller }) => listTaskArguments(caller, task.id)
  }
}
