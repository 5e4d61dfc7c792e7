// What OVH allows on a task from its status, for both task families (domain.Task and zone tasks,
// domain.zone.Task / me.dns.Task): the schemas expose only canAccelerate/canCancel/canRelaunch, and
// zone task statuses are the domain ones (docs/OVH-API.md 4), so one rule serves both. A waiting
// task can be started now or dropped; a task in error can be dropped, or fixed and relaunched; a
// running or finished one cannot be touched.
export type TaskStatus = 'cancelled' | 'doing' | 'done' | 'error' | 'problem' | 'todo'

export interface TaskFlags { canAccelerate: boolean, canCancel: boolean, canRelaunch: boolean }

export function flagsOf (status: TaskStatus): TaskFlags {
  return {
    canAccelerate: status === 'todo',
    canCancel: status === 'todo' || status === 'error',
    canRelaunch: status === 'error'
  }
}
