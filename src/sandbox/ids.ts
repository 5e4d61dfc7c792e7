// Random keys shaped like OVH's (alphanumeric, 16 or 32 characters) and X-Ovh-Queryid values.
import { randomBytes, randomUUID } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

export function randomKey (length: number): string {
  let key = ''
  // 248 is the largest multiple of 62 below 256: rejecting the rest keeps the draw uniform.
  while (key.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && key.length < length) key += ALPHABET[byte % 62]
    }
  }
  return key
}

export { randomUUID }

let queryCounter = 0

// Shaped like the ones OVH sends, e.g. 'EU.ext-3.63ac85b6.10528.27b4f1fc-7be3-4da2-bdd0-ce044c421e61':
// region, front, hex seconds, a counter, a UUID.
export function newQueryId (nowMs: number): string {
  queryCounter += 1
  const front = (queryCounter % 4) + 1
  return `EU.ext-${front}.${Math.floor(nowMs / 1000).toString(16)}.${queryCounter}.${randomUUID()}`
}
