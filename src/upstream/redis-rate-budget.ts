// The consumer keys' OVH call budget shared by every gateway instance through Redis (REDIS_URL):
// the same sliding log as rate-budget.ts, one sorted set per consumer key (a call per member,
// scored by its time), checked and spent in one Lua script so that two instances never both take
// the last calls. Time is Redis's own (TIME), so instances with drifting clocks agree on the window.
// While Redis cannot be reached or is slow to answer, each instance falls back to its own
// process budget (what a single instance does), and says so in the log: the OVH calls of a request
// are never refused or held up because the shared store is down.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Result } from 'ioredis'
import type { OvhLogger } from '../ovh/index.js'
import { beyondBudget, budgetSpent, createRateBudget } from './rate-budget.js'
import { processBudget } from './upstream-budget.js'
import type { UpstreamBudget } from './upstream-budget.js'

declare module 'ioredis' {
  interface RedisCommander<Context> {
    budgetTake (key: string, windowMs: number, limit: number, count: number, id: string): Result<[number, number], Context>
    budgetRemaining (key: string, windowMs: number, limit: number): Result<number, Context>
  }
}

// Answers {1, now} when the calls are logged, or {0, ms until enough of them leave the window}.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window, limit, count = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
if used + count > limit then
  local freeing = redis.call('ZRANGE', KEYS[1], used + count - limit - 1, used + count - limit - 1, 'WITHSCORES')
  return {0, tonumber(freeing[2]) + window - now}
end
for i = 1, count do redis.call('ZADD', KEYS[1], now, ARGV[4] .. ':' .. i) end
redis.call('PEXPIRE', KEYS[1], window)
return {1, now}
`

const REMAINING = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local used = redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[1])), '+inf')
return math.max(0, tonumber(ARGV[2]) - used)
`

const SHARED = 'redis:'

export interface RedisBudgetOptions {
  url: string
  limit: number
  windowMs?: number
  log: Pick<OvhLogger, 'info' | 'warn'>
  // Namespaces the keys, so that several deployments can share one Redis.
  keyPrefix?: string
  // A slower answer counts as no answer: the call goes on with the process budget.
  commandTimeoutMs?: number
}

export function createRedisBudget (options: RedisBudgetOptions): UpstreamBudget {
  const limit = options.limit
  const windowMs = options.windowMs ?? 60_000
  const fallback = processBudget(createRateBudget({ limit, windowMs }))
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? 'ogw:budget:',
    // Fail fast instead of queueing while disconnected: the fallback answers meanwhile.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2_000,
    // Keep trying to come back, at most every 5 s.
    retryStrategy: attempt => Math.min(attempt * 200, 5_000)
  })
  redis.defineCommand('budgetTake', { numberOfKeys: 1, lua: TAKE })
  redis.defineCommand('budgetRemaining', { numberOfKeys: 1, lua: REMAINING })

  // The log says when the budget becomes shared and when it stops being so, not every failure.
  let shared = false
  const lost = (reason: string): void => {
    if (!shared) return
    shared = false
    options.log.warn({ budget: 'process', error: reason }, 'Redis cannot be reached: OVH call budgets are per process until it is back')
  }
  // Connected, or answering again after a command timed out on a connection that stayed up.
  const answered = (): void => {
    if (shared) return
    shared = true
    options.log.info({ budget: 'redis' }, 'OVH call budgets are shared through Redis')
  }
  redis.on('ready', answered)
  redis.on('error', (err: Error) => { lost(err.message) })
  redis.on('close', () => { lost('connection closed') })
  // A failed or slow command: this call goes on with the process budget.
  const onFailure = (err: unknown): null => {
    lost(err instanceof Error ? err.message : String(err))
    return null
  }
  const usable = () => redis.status === 'ready'

  return {
    limit,
    windowMs,
    store: () => usable() ? 'redis' : 'process',
    async take (key, count) {
      if (limit <= 0 || count <= 0) return SHARED
      if (count > limit) throw beyondBudget(count, limit, windowMs)
      if (usable()) {
        const id = randomUUID()
        const answer = await redis.budgetTake(key, windowMs, limit, count, id).catch(onFailure)
        if (answer !== null) {
          answered()
          if (answer[0] === 0) throw budgetSpent(limit, windowMs, answer[1])
          return SHARED + id
        }
      }
      return await fallback.take(key, count)
    },
    async release (key, count, receipt) {
      if (!receipt.startsWith(SHARED)) return await fallback.release(key, count, receipt)
      const id = receipt.slice(SHARED.length)
      if (count <= 0 || id === '' || !usable()) return
      const members = Array.from({ length: count }, (_, i) => `${id}:${i + 1}`)
      await redis.zrem(key, ...members).catch(onFailure)
    },
    async remaining (key) {
      if (limit <= 0) return Infinity
      if (usable()) {
        const left = await redis.budgetRemaining(key, windowMs, limit).catch(onFailure)
        if (left !== null) return left
      }
      return await fallback.remaining(key)
    },
    async close () {
      // A closing gateway is not an outage: nothing to warn about.
      shared = false
      redis.disconnect()
    }
  }
}
