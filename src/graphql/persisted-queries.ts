// Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 alone; the
// gateway answers PERSISTED_QUERY_NOT_FOUND until it has seen the query sent with that hash once,
// then runs it from the hash. Mercurius's own provider does the protocol and keeps queries in an
// LRU cache of a bounded number of entries; queries past MAX_QUERY_BYTES are run but not kept, so
// the cache is bounded in bytes too (a query may carry comments the token limit does not count).
import mercurius from 'mercurius'
import type { PersistedQueryProvider } from 'mercurius'
import { badUserInput, gatewayError } from '../errors.js'
import type { GatewayError } from '../errors.js'

const MAX_QUERY_BYTES = 16 * 1024

/** Mercurius's automatic provider, keeping at most `maxEntries` queries; null when turned off (0). */
export function persistedQueryProvider (maxEntries: number): PersistedQueryProvider | null {
  if (maxEntries === 0) return null
  const automatic = mercurius.persistedQueryDefaults.automatic(maxEntries)
  return {
    ...automatic,
    saveQuery: async (hash: string, query: string) => {
      if (Buffer.byteLength(query, 'utf8') <= MAX_QUERY_BYTES) await automatic.saveQuery!(hash, query)
    }
  }
}

// Apollo clients recognise these messages (and codes): PersistedQueryNotFound makes them send the
// query with its hash; PersistedQueryNotSupported makes them stop sending hashes alone.
const REFUSALS: Record<string, () => GatewayError> = {
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: () => gatewayError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound'),
  MER_ERR_GQL_PERSISTED_QUERY_NOT_SUPPORTED: () => gatewayError('PERSISTED_QUERY_NOT_SUPPORTED', 'PersistedQueryNotSupported'),
  MER_ERR_GQL_PERSISTED_QUERY_MISMATCH: () => badUserInput('provided sha does not match query', [{ field: 'extensions.persistedQuery.sha256Hash', message: 'is not the SHA-256 of the query sent with it' }])
}

// Mercurius answers a request without any query with its PERSISTED_QUERY_NOT_FOUND error too, as
// `Unknown query`: that one stays the client's malformed request (GRAPHQL_VALIDATION_FAILED).
const NO_QUERY = 'Unknown query'

/** The coded error for Mercurius's refusal of a persisted query, or undefined for any other error. */
export function persistedQueryRefusal (error: { code?: unknown, message?: unknown } | undefined): GatewayError | undefined {
  if (typeof error?.code !== 'string' || error.message === NO_QUERY) return undefined
  return REFUSALS[error.code]?.()
}
