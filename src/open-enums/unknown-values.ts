// OVH adds values to its enumerations (a new task function, a new domain state) without warning, and
// the gateway's schemas list the values of the day they were written. Both APIs pass such a value
// through as OVH sent it instead of failing the answer; this reports each one once, so that an
// operator learns that the gateway's enumerations need the new value.
import type { FastifyBaseLogger } from 'fastify'

export type UnknownValueReporter = (where: string, value: string) => void

// Bounded so that an upstream sending ever-new values cannot grow the process's memory.
const MAX_REMEMBERED = 1000
// An enum value is a short word; anything longer is cut, never logged whole.
const MAX_LOGGED_LENGTH = 64

export function createUnknownValueReporter (log: FastifyBaseLogger): UnknownValueReporter {
  const reported = new Set<string>()
  return (where, value) => {
    const key = `${where}\u0000${value}`
    if (reported.has(key)) return
    if (reported.size >= MAX_REMEMBERED) reported.clear()
    reported.add(key)
    log.warn({ where, value: value.slice(0, MAX_LOGGED_LENGTH) }, 'OVH sent an enumeration value this gateway does not know; passed through as it is')
  }
}
