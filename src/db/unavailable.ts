// Tells a database that cannot be reached (down, refusing connections, cutting them, unknown
// database, refused login) from a query that failed. The API answers the first with a retryable
// DATABASE_UNAVAILABLE and the CLI reports it with the same code; anything else stays an error of
// the request. Errors come raw from node-postgres (the start-up migration check, the CLI) or through
// Prisma's driver adapter, which keeps PostgreSQL's code in `meta.driverAdapterError.cause`.

// Socket errors, Prisma's connection codes (P1000 authentication, P1001 unreachable, P1002 timed
// out, P1003 no such database, P1010 access denied, P1011 TLS, P1017 connection closed), and
// PostgreSQL's: login refused (28000, 28P01), no such database (3D000), too many connections (53300),
// server shutting down, starting or crashed (57P01, 57P02, 57P03).
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET',
  'P1000', 'P1001', 'P1002', 'P1003', 'P1010', 'P1011', 'P1017',
  '28P01', '28000', '3D000', '53300', '57P01', '57P02', '57P03'
])

// The driver adapter's names for the same failures.
const UNREACHABLE_KINDS = new Set([
  'DatabaseNotReachable', 'DatabaseDoesNotExist', 'DatabaseAccessDenied', 'AuthenticationFailed',
  'ConnectionClosed', 'TooManyConnections', 'SocketTimeout', 'TlsConnectionError'
])

interface ErrorNode {
  code?: unknown
  originalCode?: unknown
  kind?: unknown
  severity?: unknown
  message?: unknown
  cause?: unknown
  errors?: unknown[]
  meta?: { driverAdapterError?: unknown }
}

function isUnreachable (node: ErrorNode): boolean {
  for (const code of [node.code, node.originalCode]) {
    // SQLSTATE class 08: connection exception.
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
  }
  if (typeof node.kind === 'string' && UNREACHABLE_KINDS.has(node.kind)) return true
  // FATAL ends the session: PostgreSQL refused or closed the connection itself, whatever the code
  // (e.g. 55000 "database ... is not currently accepting connections", ALLOW_CONNECTIONS false).
  if (node.severity === 'FATAL' || node.severity === 'PANIC') return true
  // node-postgres reports a connection lost without a word from the server with no code at all.
  return typeof node.message === 'string' && /Connection terminated (unexpectedly|due to connection timeout)/.test(node.message)
}

/** True when `err` says the database cannot be reached, rather than that a query failed. */
export function isDatabaseUnavailable (err: unknown): boolean {
  const queue: unknown[] = [err]
  // Bounded: causes may form a loop.
  for (let seen = 0; queue.length > 0 && seen < 20; seen++) {
    const node = queue.shift()
    if (!node || typeof node !== 'object') continue
    const e = node as ErrorNode
    if (isUnreachable(e)) return true
    queue.push(e.cause, e.meta?.driverAdapterError)
    // `net` reports a refused connection to every address of a host as an AggregateError.
    if (Array.isArray(e.errors)) queue.push(...e.errors)
  }
  return false
}
