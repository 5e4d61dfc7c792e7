// `npm run sandbox`: the OVH sandbox on its own port (PORT, default 3001; HOST, default 127.0.0.1;
// SANDBOX_STATE: optional JSON snapshot path; SANDBOX_SEED: demo | empty), for curl and OVH's SDKs.
import Fastify from 'fastify'
import { banner } from './banner.js'
import { sandboxPlugin } from './http/plugin.js'
import { createSandbox } from './sandbox.js'

const port = Number(process.env.PORT ?? 3001)
const host = process.env.HOST ?? '127.0.0.1'
const persistPath = process.env.SANDBOX_STATE === undefined || process.env.SANDBOX_STATE === '' ? undefined : process.env.SANDBOX_STATE
const seed = process.env.SANDBOX_SEED === 'empty' ? 'empty' : 'demo'

const sandbox = createSandbox({ seed, persistPath })
const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } })
await app.register(sandboxPlugin, { sandbox })
await app.listen({ port, host })

const address = app.server.address()
const actualPort = typeof address === 'object' && address !== null ? address.port : port
const shownHost = host.includes(':') ? `[${host}]` : host
process.stdout.write(banner(`http://${shownHost}:${actualPort}`, sandbox.demo, persistPath))

let closing = false
async function shutdown (signal: string): Promise<void> {
  if (closing) return
  closing = true
  process.stdout.write(`\n${signal}: closing the OVH sandbox\n`)
  await app.close()
  await sandbox.close()
  process.exit(0)
}
process.on('SIGINT', () => { shutdown('SIGINT').catch(() => process.exit(1)) })
process.on('SIGTERM', () => { shutdown('SIGTERM').catch(() => process.exit(1)) })
