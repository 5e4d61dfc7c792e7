// A minimal graphql-transport-ws client on a real WebSocket (the `ws` package): what a browser or
// a graphql-ws client sends, written out so the tests see each message the gateway answers.
import WebSocket from 'ws'
import type { Teardown } from './database.js'

export interface Message { type: string, id?: string, payload?: any }

export interface SubscriptionClient {
  // Every message received, in order (pings and pongs left out).
  messages: Message[]
  // The connection's close code, once closed.
  closed: Promise<number>
  subscribe (id: string, query: string, variables?: Record<string, unknown>): void
  complete (id: string): void
  /** The next messages of a subscription, waiting at most `timeoutMs` for them. */
  next (id: string, count?: number, timeoutMs?: number): Promise<Message[]>
  /** Waits `ms`, then answers the messages of the subscription received meanwhile. */
  quiet (id: string, ms: number): Promise<Message[]>
}

async function until (check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) return false
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  return true
}

/** Opens a connection and sends connection_init; answers once the gateway acks or refuses it. */
export async function connect (t: Teardown, baseUrl: string, initPayload: unknown): Promise<SubscriptionClient & { accepted: boolean }> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws')
  t.teardown(() => { socket.terminate() })
  const messages: Message[] = []
  const read = new Map<string, number>()
  const closed = new Promise<number>(resolve => socket.on('close', code => resolve(code)))
  socket.on('message', raw => {
    const message = JSON.parse(String(raw)) as Message
    if (message.type !== 'ping' && message.type !== 'pong') messages.push(message)
  })
  await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject) })
  socket.send(JSON.stringify({ type: 'connection_init', payload: initPayload }))
  await until(() => messages.length > 0, 5_000)
  const ofId = (id: string) => messages.filter(message => message.id === id)
  const client: SubscriptionClient = {
    messages,
    closed,
    subscribe (id, query, variables) {
      socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query, variables } }))
    },
    complete (id) {
      socket.send(JSON.stringify({ type: 'complete', id }))
    },
    async next (id, count = 1, timeoutMs = 5_000) {
      const from = read.get(id) ?? 0
      await until(() => ofId(id).length >= from + count, timeoutMs)
      const got = ofId(id).slice(from)
      read.set(id, from + got.length)
      return got
    },
    async quiet (id, ms) {
      await new Promise(resolve => setTimeout(resolve, ms))
      const from = read.get(id) ?? 0
      const got = ofId(id).slice(from)
      read.set(id, from + got.length)
      return got
    }
  }
  return { ...client, accepted: messages[0]?.type === 'connection_ack' }
}
