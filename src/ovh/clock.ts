// OVH server time, shared by every client of one endpoint: signatures carry server time.
// @see docs/OVH-API.md 2.4 (the SDKs sync once; a long-running gateway must refresh)
import { silentLogger, type Logger } from './logger.js'

export interface ServerClockOptions {
  // Resolves to the server's Unix time in seconds (GET /auth/time).
  fetchServerTime: () => Promise<number>
  // How old the offset may get before it is refreshed in the background.
  refreshMs?: number
  // Local time in ms; replaceable so tests can move time.
  now?: () => number
  log?: Logger
}

export interface ServerClock {
  // Server Unix time in seconds. Waits for the first sync only; later refreshes run in the background.
  timestamp (): Promise<number>
  // Fetches the offset again. Concurrent calls share one fetch; with `ifGeneration`, an offset
  // fetched since that generation is kept, so a burst of failing calls costs one sync.
  resync (opts?: { ifGeneration?: number }): Promise<number>
  // True when the offset is older than refreshMs (or was never fetched).
  isStale (): boolean
  // delta = server - local, in seconds; undefined before the first sync.
  readonly delta: number | undefined
  // Local ms of the last successful sync.
  readonly syncedAt: number | undefined
  // Number of successful syncs so far: tells whether an offset is newer than the one a call used.
  readonly generation: number
}

export const DEFAULT_CLOCK_REFRESH_MS = 15 * 60_000
// After a failed background refresh, try again this soon rather than on every call.
const FAILED_REFRESH_RETRY_MS = 30_000

export function createServerClock (opts: ServerClockOptions): ServerClock {
  const refreshMs = opts.refreshMs ?? DEFAULT_CLOCK_REFRESH_MS
  const now = opts.now ?? Date.now
  const log = opts.log ?? silentLogger
  let delta: number | undefined
  let syncedAt: number | undefined
  let nextRefreshAt = 0
  let generation = 0
  let inFlight: Promise<number> | undefined

  function sync (): Promise<number> {
    if (inFlight !== undefined) return inFlight
    const started = now()
    inFlight = opts.fetchServerTime().then(serverTime => {
      if (!Number.isFinite(serverTime)) throw new TypeError('OVH /auth/time did not return a number')
      const ended = now()
      // The midpoint of the round trip is the best guess of when the server read its clock.
      delta = Math.round(serverTime - (started + ended) / 2000)
      syncedAt = ended
      nextRefreshAt = ended + refreshMs
      generation++
      return delta
    }).finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  function refreshInBackground (): void {
    if (inFlight !== undefined) return
    sync().catch((err: unknown) => {
      nextRefreshAt = now() + Math.min(refreshMs, FAILED_REFRESH_RETRY_MS)
      log.warn({ err }, 'OVH server time refresh failed; keeping the previous offset')
    })
  }

  return {
    async timestamp () {
      if (delta === undefined) await sync()
      else if (now() >= nextRefreshAt) refreshInBackground()
      return Math.round(now() / 1000) + (delta as number)
    },
    async resync (resyncOpts = {}) {
      if (inFlight !== undefined) return await inFlight
      const { ifGeneration } = resyncOpts
      if (ifGeneration !== undefined && delta !== undefined && generation !== ifGeneration) return delta
      return await sync()
    },
    isStale () {
      return syncedAt === undefined || now() - syncedAt >= refreshMs
    },
    get delta () {
      return delta
    },
    get syncedAt () {
      return syncedAt
    },
    get generation () {
      return generation
    }
  }
}
