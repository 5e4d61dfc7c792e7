// Session-level PostgreSQL advisory locks held by this process on a connection of its own, so that
// any gateway instance can tell a live holder from a dead one: PostgreSQL releases a session's locks
// when its connection ends, which happens as soon as the process holding it dies (SIGKILL and power
// cuts included, once the socket is gone). The orders area holds one per idempotency key it is
// acting on. Prisma's pool lends a connection for one query or transaction at most, so this one
// connection is node-postgres's own (the driver Prisma's adapter uses).
import { createHash } from 'node:crypto'
import pg from 'pg'

export interface Lease {
  readonly name: string
  /** False once released, or once the connection that held it was lost (the lock with it). */
  held (): boolean
  release (): Promise<void>
}

export interface SessionLocks {
  /** The lock if no session holds it (this process's other requests included), else null. */
  tryTake (name: string): Promise<Lease | null>
  /** Whether a request of this process holds it. */
  heldHere (name: string): boolean
  close (): Promise<void>
}

// pg_try_advisory_lock takes a bigint: the first 8 bytes of the name's SHA-256, signed.
function lockId (name: string): string {
  return BigInt.asIntN(64, createHash('sha256').update(name).digest().readBigUInt64BE(0)).toString()
}

// The connection itself is gone (FATAL: terminated, shut down; or the socket closed), as opposed
// to an error of the query on a live connection, whose locks must be kept.
function connectionEnded (err: unknown): boolean {
  const failure = err as { severity?: string, code?: string }
  return failure.severity === 'FATAL' || failure.code === undefined
}

export function createSessionLocks (databaseUrl: string): SessionLocks {
  let client: pg.Client | null = null
  let connecting: Promise<pg.Client> | null = null
  // Bumped whenever the connection is lost: the locks taken on it are gone.
  let generation = 0
  // Locks of this process (or being taken), by name, with the connection generation they live on.
  const held = new Map<string, number>()
  let closed = false

  function lost (which: pg.Client): void {
    if (client !== which) return
    client = null
    generation += 1
    held.clear()
    which.end().catch(() => {})
  }

  async function connection (): Promise<pg.Client> {
    if (client !== null) return client
    connecting ??= (async () => {
      const fresh = new pg.Client({ connectionString: databaseUrl, application_name: 'ovh-reseller-gateway session locks' })
      fresh.on('error', () => lost(fresh))
      fresh.on('end', () => lost(fresh))
      try {
        await fresh.connect()
      } catch (err) {
        fresh.end().catch(() => {})
        throw err
      }
      client = fresh
      return fresh
    })().finally(() => { connecting = null })
    return connecting
  }

  return {
    async tryTake (name) {
      if (closed) throw new Error('the session locks are closed')
      if (held.has(name)) return null
      // Marked before the query: two requests of this process asking at once must not both get
      // it (a session's advisory locks are re-entrant).
      held.set(name, -1)
      let taken = false
      let on = -1
      try {
        // Twice at most: a connection PostgreSQL ended (a restart, pg_terminate_backend) may only be
        // found dead by this query, before its 'error' event; its locks are gone with it anyway.
        for (let attempt = 0; ; attempt++) {
          const session = await connection()
          on = generation
          try {
            const { rows } = await session.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS taken', [lockId(name)])
            taken = rows[0].taken && generation === on
            break
          } catch (err) {
            if (attempt > 0 || !connectionEnded(err)) throw err
            lost(session)
          }
        }
      } finally {
        if (taken) held.set(name, on)
        else if (held.get(name) === -1) held.delete(name)
      }
      if (!taken) return null
      return {
        name,
        held: () => held.get(name) === on && generation === on,
        async release () {
          if (held.get(name) !== on || generation !== on) return
          held.delete(name)
          const session = client
          if (session === null) return
          // Lost with the connection otherwise, which is as good as released.
          await session.query('SELECT pg_advisory_unlock($1::bigint)', [lockId(name)]).catch(() => {})
        }
      }
    },

    heldHere: name => held.has(name),

    async close () {
      closed = true
      const session = client ?? await connecting?.catch(() => null) ?? null
      client = null
      held.clear()
      await session?.end().catch(() => {})
    }
  }
}
