// The log of OVH API calls the sandbox received, so tests can assert exactly how many upstream calls
// an operation cost. It never holds the consumer key or the signature.
import { pathMatches } from '../access-rules.js'

export interface CallRecord {
  id: number
  // Sandbox time, ISO 8601.
  at: string
  method: string
  // As called, without the mount prefix and '/1.0', query included: '/domain/a.com,b.com'.
  path: string
  // Schema template of the route that answered ('/domain/{serviceName}'); null when no route matched.
  route: string | null
  // null when the connection was reset by an injected fault.
  status: number | null
  applicationKey: string | null
  credentialId: number | null
  account: string | null
  // Number of ids of a batch read (X-Ovh-Batch), else 1.
  batchSize: number
  queryId: string
  // Id of the injected fault that shaped this call, if any.
  fault: number | null
}

export interface CallFilter {
  // Only calls with an id greater than this one.
  since?: number
  // '*' pattern matched against the path without its query string.
  path?: string
}

export interface CallLog {
  add (record: Omit<CallRecord, 'id'>): CallRecord
  list (filter?: CallFilter): CallRecord[]
  clear (): void
}

// Bounded so a long load test keeps flat memory; ids keep counting, so `since` stays reliable.
const MAX_RECORDS = 10_000

export function createCallLog (): CallLog {
  let records: CallRecord[] = []
  let lastId = 0
  return {
    add (record) {
      lastId += 1
      const stored = { id: lastId, ...record }
      records.push(stored)
      if (records.length > MAX_RECORDS) records = records.slice(-MAX_RECORDS)
      return stored
    },
    list (filter = {}) {
      return records.filter(record =>
        (filter.since === undefined || record.id > filter.since) &&
        (filter.path === undefined || pathMatches(filter.path, record.path.split('?')[0]))
      ).map(record => ({ ...record }))
    },
    clear () {
      records = []
    }
  }
}
