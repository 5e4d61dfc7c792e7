// Injected faults: on calls matching {method?, path pattern}, add latency, answer a status, reset the
// connection, send a malformed body, lose the answer of a call carried out or reword a batch read's
// item errors; for the next N calls
// (`times`) or a share of calls (`ratio`).
import { pathMatches } from '../access-rules.js'
import type { HttpMethod } from '../state/types.js'

export interface FaultSpec {
  method?: HttpMethod
  // '*' pattern over the OVH path without prefix or query, e.g. '/domain/*'.
  path: string
  latencyMs?: number
  // The call is carried out, then its answer waits this long: with a client that times out
  // first, OVH did the work but the answer is lost (what idempotent ordering must survive).
  lateAnswerMs?: number
  // The call is carried out, then the connection is cut instead of answering: OVH did the work,
  // the answer is lost at once, with no client timeout to wait for.
  lostAnswer?: boolean
  status?: number
  // Overrides the message of the OVH-shaped error body sent with `status`.
  message?: string
  // Retry-After sent with a 429 (seconds, default 1).
  retryAfterSeconds?: number
  times?: number
  ratio?: number
  reset?: boolean
  malformed?: boolean
  // A batch read (X-Ovh-Batch) is carried out, but each id that fails carries this bare string as
  // its error instead of OVH's message: what a gateway must not take for a 404 (docs 15b).
  itemError?: string
}

export interface Fault extends FaultSpec {
  id: number
  // Matching calls seen, and calls this fault was applied to.
  seen: number
  hits: number
}

export interface FaultRegistry {
  add (spec: FaultSpec): Fault
  list (): Fault[]
  // Removes one fault, or all of them without an id; returns how many were removed.
  remove (id?: number): number
  // The fault to apply to this call, if any; counts it against `times`/`ratio`.
  take (method: string, path: string): Fault | undefined
}

export function createFaultRegistry (): FaultRegistry {
  let faults: Fault[] = []
  let lastId = 0
  return {
    add (spec) {
      lastId += 1
      const fault: Fault = { ...spec, id: lastId, seen: 0, hits: 0 }
      faults.push(fault)
      return { ...fault }
    },
    list () {
      return faults.map(fault => ({ ...fault }))
    },
    remove (id) {
      const before = faults.length
      faults = id === undefined ? [] : faults.filter(fault => fault.id !== id)
      return before - faults.length
    },
    take (method, path) {
      for (const fault of faults) {
        if (fault.method !== undefined && fault.method !== method) continue
        if (!pathMatches(fault.path, path)) continue
        fault.seen += 1
        // A ratio is applied deterministically (0.5 hits every second call), so tests never flake.
        if (fault.ratio !== undefined && Math.floor(fault.seen * fault.ratio) === Math.floor((fault.seen - 1) * fault.ratio)) continue
        fault.hits += 1
        if (fault.times !== undefined && fault.hits >= fault.times) faults = faults.filter(other => other !== fault)
        return { ...fault }
      }
      return undefined
    }
  }
}
