// Benchmark child process: the OVH sandbox alone on its own port, logger off, over HTTP or HTTPS.
// Prints one JSON line `{"port":...}` on stdout once it listens, so the parent needs no fixed port.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import { createSandbox, sandboxPlugin } from '../src/sandbox/index.js'
import { MAX_EXTRA_DOMAINS } from '../src/sandbox/constants.js'

// HTTPS only for OVH's official SDK, which speaks nothing else (bench/client-vs-sdk.ts).
const tls = process.env.TLS_CERT && process.env.TLS_KEY
  ? { cert: readFileSync(process.env.TLS_CERT), key: readFileSync(process.env.TLS_KEY) }
  : undefined

// SANDBOX_EXTRA_DOMAINS: generated domains on the demo account, as `npm run sandbox` reads it (the
// mirror benchmarks run at 10,000 and 100,000 domains).
const extraDomains = Number(process.env.SANDBOX_EXTRA_DOMAINS ?? 0)
if (!Number.isInteger(extraDomains) || extraDomains < 0 || extraDomains > MAX_EXTRA_DOMAINS) {
  process.stderr.write(`SANDBOX_EXTRA_DOMAINS must be an integer from 0 to ${MAX_EXTRA_DOMAINS}\n`)
  process.exit(2)
}
const sandbox = createSandbox({ seed: 'demo', extraDomains })
// The logger stays off: the sandbox stands for OVH here, and its own logging is not what is measured.
// `https: null` is plain HTTP; one call keeps a single instance type.
const app = Fastify({ logger: false, https: tls ?? null })
await app.register(sandboxPlugin, { sandbox })
// Connections accepted so far: shows whether a client reuses its connections or opens new ones.
let connections = 0
app.server.on('connection', () => { connections++ })
app.get('/bench/connections', async () => ({ connections }))
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })

const address = app.server.address()
process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n')

async function shutdown (): Promise<void> {
  await app.close()
  await sandbox.close()
  process.exit(0)
}
process.on('SIGTERM', () => { shutdown().catch(() => process.exit(1)) })
process.on('SIGINT', () => { shutdown().catch(() => process.exit(1)) })
