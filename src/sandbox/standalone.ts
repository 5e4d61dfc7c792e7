// `npm run sandbox`: the OVH sandbox on its own port, for curl and OVH's SDKs. Environment in
// standalone-config.ts (PORT, HOST, SANDBOX_STATE, SANDBOX_SEED, SANDBOX_EXTRA_DOMAINS, LOG_LEVEL).
import Fastify from 'fastify'
import { banner } from './banner.js'
import { sandboxPlugin } from './http/plugin.js'
import { createSandbox } from './sandbox.js'
import { loadStandaloneConfig, StandaloneConfigError } from './standalone-config.js'

let config
try {
  config = loadStandaloneConfig()
} catch (error) {
  if (!(error instanceof StandaloneConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
const { port, host, persistPath, seed, extraDomains } = config

const sandbox = createSandbox({ seed, persistPath, extraDomains })
const app = Fastify({ logger: { level: config.logLevel } })
await app.register(sandboxPlugin, { sandbox })
await app.listen({ port, host })

const address = app.server.address()
const actualPort = typeof address === 'object' && address !== null ? address.port : port
const shownHost = host.includes(':') ? `[${host}]` : host
const domains = Object.keys(sandbox.state.accounts[sandbox.demo.account]?.domains ?? {}).length
process.stdout.write(banner(`http://${shownHost}:${actualPort}`, sandbox.demo, persistPath, { domains, generated: extraDomains }))

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
