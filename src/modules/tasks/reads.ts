// Upstream reads of domain tasks for one request, de-duplicated with DataLoader: tasks, their
// arguments and progress bars read once, in X-Ovh-Batch calls where OVH offers them.
import DataLoader from 'dataloader'
import type { Caller } from '../../upstream/caller.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'
import type { DomainTask, ProgressBar, TaskArgument } from './schemas.js'

export function taskReads (caller: Caller) {
  return caller.memo('tasks', () => {
    const lists = new Map<string, Promise<number[]>>()
    const argumentKeys = new Map<number, Promise<string[]>>()
    const argumentLoaders = new Map<number, DataLoader<string, TaskArgument | null>>()
    const domainLoaders = new Map<string, DataLoader<string, DomainTask | null>>()
    const task = new DataLoader<string, DomainTask | null>(batchLoader<DomainTask>(caller, '/me/task/domain/{id}'))
    // OVH batches only on a route's last segment: progress bars are read one by one.
    const progress = new DataLoader<string, ProgressBar | null>(singleReadLoader<ProgressBar>(caller, '/me/task/domain/{id}/progressbar', 'id'))
    return {
      /** An OVH list of task ids (GET `route` with `query`), once per request. */
      list (route: string, params: Record<string, string>, query: Record<string, string>): Promise<number[]> {
        const key = JSON.stringify([route, params, query])
        let ids = lists.get(key)
        if (ids === undefined) {
          ids = caller.ovh().then(client => client.get<number[]>(route, { params, query }))
          lists.set(key, ids)
        }
        return ids
      },
      /** Tasks by id (GET /me/task/domain/{id}, batched). */
      task,
      /** Tasks of one domain by id (GET /domain/{serviceName}/task/{id}, batched); also fills `task`. */
      domainTask (domain: string): DataLoader<string, DomainTask | null> {
        let loader = domainLoaders.get(domain)
        if (loader === undefined) {
          const read = batchLoader<DomainTask>(caller, '/domain/{serviceName}/task/{id}', { serviceName: domain })
          loader = new DataLoader<string, DomainTask | null>(async keys => {
            const values = await read(keys)
            values.forEach((value, index) => { if (value && !(value instanceof Error)) task.prime(keys[index], value) })
            return values
          })
          domainLoaders.set(domain, loader)
        }
        return loader
      },
      /** Forgets what a mutation changed. */
      forget (id: number): void {
        task.clear(String(id))
        for (const loader of domainLoaders.values()) loader.clear(String(id))
        argumentKeys.delete(id)
        argumentLoaders.delete(id)
        progress.clear(String(id))
      },
      argumentKeys (id: number): Promise<string[]> {
        let keys = argumentKeys.get(id)
        if (keys === undefined) {
          keys = caller.ovh().then(client => client.get<string[]>('/me/task/domain/{id}/argument', { params: { id } }))
          argumentKeys.set(id, keys)
        }
        return keys
      },
      /** The arguments of one task by key (GET /me/task/domain/{id}/argument/{key}, batched). */
      argument (id: number): DataLoader<string, TaskArgument | null> {
        let loader = argumentLoaders.get(id)
        if (loader === undefined) {
          loader = new DataLoader<string, TaskArgument | null>(batchLoader<TaskArgument>(caller, '/me/task/domain/{id}/argument/{key}', { id }))
          argumentLoaders.set(id, loader)
        }
        return loader
      },
      progress
    }
  })
}

export type TaskReads = ReturnType<typeof taskReads>
