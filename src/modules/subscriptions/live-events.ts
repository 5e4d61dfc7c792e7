// Live events for GraphQL subscriptions: the webhook dispatcher publishes each event it takes
// (webhooks/dispatch.ts, `published`) to its tenant's topic on an MQEmitter, which Mercurius's
// subscriptions read. With REDIS_URL the emitter is mqemitter-redis (Redis pub/sub), so an event
// dispatched by one gateway instance reaches subscribers connected to any other; without it, the
// emitter lives in the process. Either way delivery is live only, at most once: a subscriber
// that was not connected (or an instance cut off from Redis) misses the event, and reads it from
// the feed, whose cursor never skips one (docs/events.md).
import fp from 'fastify-plugin'
import mqemitter from 'mqemitter'
import type { MQEmitter } from 'mqemitter'
import mqemitterRedis from 'mqemitter-redis'
import { Redis } from 'ioredis'
import type { Config } from '../../config.js'
import type { EventView } from '../events/types.js'

declare module 'fastify' {
  interface FastifyInstance {
    liveEvents: LiveEvents
  }
}

export interface LiveEvents {
  emitter: MQEmitter
  readonly transport: 'redis' | 'process'
  publish (event: EventView): void
}

// What travels on the topic: JSON-safe (Redis carries it as msgpack), the event's own fields only.
export type LiveEvent = Omit<EventView, 'occurredAt'> & { occurredAt: string }

export function liveTopic (tenantId: string): string {
  return `ogw/events/${tenantId}`
}

export function toLiveEvent (event: EventView): LiveEvent {
  return {
    id: event.id,
    type: event.type,
    tenantId: event.tenantId,
    subjectType: event.subjectType,
    subject: event.subject,
    domain: event.domain,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
    cause: event.cause
  }
}

export function fromLiveEvent (event: LiveEvent): EventView {
  return { ...event, occurredAt: new Date(event.occurredAt) }
}

interface Transport { emitter: MQEmitter, close: () => Promise<void> }

function processEmitter (): Transport {
  const emitter = mqemitter()
  return { emitter, close: () => new Promise<void>(resolve => { emitter.close(() => resolve()) }) }
}

function redisEmitter (url: string, log: { warn: (obj: object, msg: string) => void, info: (obj: object, msg: string) => void }): Transport {
  // Publishing never queues while Redis is away: the dispatcher is not held up, memory stays
  // bounded, and the event stays in the feed. The subscribing connection keeps its default
  // offline queue: subscriptions made before it is ready are sent once it is, and ioredis
  // subscribes again after a reconnection.
  const retryStrategy = (attempt: number) => Math.min(attempt * 200, 5_000)
  const pubConn = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy })
  const subConn = new Redis(url, { connectTimeout: 2_000, retryStrategy })
  const emitter = mqemitterRedis({ pubConn, subConn }) as unknown as MQEmitter & { state: NodeJS.EventEmitter }
  // The log says when live events stop crossing instances and when they do again, not every failure.
  let up = false
  const lost = (err: Error) => {
    if (!up) return
    up = false
    log.warn({ error: err.message }, 'Redis cannot be reached: GraphQL subscriptions receive only this instance\'s events until it is back')
  }
  subConn.on('ready', () => {
    if (up) return
    up = true
    log.info({ subscriptions: 'redis' }, 'GraphQL subscriptions are shared through Redis')
  })
  // mqemitter-redis re-emits its connections' errors on `state`: unheard, they would throw.
  emitter.state.on('error', lost)
  subConn.on('close', () => { lost(new Error('connection closed')) })
  return {
    emitter,
    // Dropped at once rather than QUIT (mqemitter-redis's close): QUIT is refused or never answered
    // while Redis is away, and what is still in flight is live-only anyway.
    close: async () => {
      up = false
      pubConn.disconnect()
      subConn.disconnect()
    }
  }
}

export default fp<{ config: Config }>(async function liveEventsPlugin (app, opts) {
  const redisUrl = opts.config.redisUrl
  const transport = redisUrl === undefined ? processEmitter() : redisEmitter(redisUrl, app.log)
  const emitter = transport.emitter
  const liveEvents: LiveEvents = {
    emitter,
    transport: redisUrl === undefined ? 'process' : 'redis',
    publish (event) {
      emitter.emit({ topic: liveTopic(event.tenantId), payload: toLiveEvent(event) }, err => {
        // The event is in the feed; only live subscribers elsewhere miss it.
        if (err) app.log.debug({ error: err.message, event: event.id }, 'live event not published')
      })
    }
  }
  app.decorate('liveEvents', liveEvents)
  app.addHook('onClose', async () => {
    await transport.close()
  })
}, { name: 'live-events' })
