// The access area's dependencies, decorated once so that REST routes, GraphQL resolvers and
// authentication share them: what an AccessContext is built from (./context.ts), and the access
// tokens' signing keys and settings (./tokens.ts). Also serves the tokens' public keys at
// /.well-known/jwks.json, outside every authenticated scope.
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import type { AccessDeps } from './context.js'
import { createSigningKeys } from './signing-keys.js'
import type { SigningKeys } from './signing-keys.js'
import type { TokenSettings } from './tokens.js'

declare module 'fastify' {
  interface FastifyInstance {
    access: AccessDeps
    tokens: { keys: SigningKeys, settings: TokenSettings }
  }
}

// How often an instance rereads the signing keys (another instance or the CLI may have rotated).
const SIGNING_KEYS_RELOAD_MS = 60_000

export default fp<{ config: Config }>(async function accessPlugin (app, opts) {
  app.decorate('access', { config: opts.config, db: app.db, secrets: app.secrets, registry: app.ovh })
  const settings = opts.config.tokens
  app.decorate('tokens', { keys: createSigningKeys(app.db, app.secrets, signingKeysOptions(opts.config)), settings })

  app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_request, reply) => {
    // Short: a client meeting a token from a new key refetches anyway (unknown kid).
    reply.header('cache-control', 'public, max-age=60')
    return await app.tokens.keys.jwks()
  })
}, { name: 'access', dependencies: ['stores', 'ovh'] })

/**
 * A retired key verifies for as long as a token it signed may live, plus the reload interval during
 * which other instances may still sign with it, plus a minute of clock skew. The CLI uses the same.
 */
export function signingKeysOptions (config: Config) {
  return { verifyWindowMs: config.tokens.maxTtlSeconds * 1000 + SIGNING_KEYS_RELOAD_MS + 60_000, reloadIntervalMs: SIGNING_KEYS_RELOAD_MS }
}
