// sandboxPlugin: serves a Sandbox over HTTP, relative to where it is registered: OVH API v1 under
// /1.0, the credential validation page under /auth, restore points' zone files and bills' pdf and html under /files, the
// admin API under /admin. Deliberately not wrapped in fastify-plugin: its parsers, hooks and error
// handlers stay inside its own scope.
import type { FastifyPluginAsync } from 'fastify'
import { adminRoutes } from '../admin/routes.js'
import { validationPages } from '../pages/validation.js'
import { zoneFiles } from '../pages/zone-files.js'
import { billPages } from '../pages/bills.js'
import type { Sandbox } from '../sandbox.js'
import { ovhApiScope } from './ovh-scope.js'

export interface SandboxPluginOptions {
  sandbox: Sandbox
}

export const sandboxPlugin: FastifyPluginAsync<SandboxPluginOptions> = async function sandboxPlugin (app, { sandbox }) {
  // '/sandbox' when the gateway mounts it, '' standalone: absolute URLs (validationUrl) need it.
  const mountPrefix = app.prefix
  await app.register(ovhApiScope, { prefix: '/1.0', sandbox, mountPrefix })
  await app.register(validationPages, { prefix: '/auth', sandbox, mountPrefix })
  await app.register(zoneFiles, { prefix: '/files', sandbox })
  await app.register(billPages, { prefix: '/files', sandbox })
  await app.register(adminRoutes, { prefix: '/admin', sandbox })
  // Closing the host app writes any pending snapshot; the sandbox itself stays usable.
  app.addHook('onClose', async () => { await sandbox.flush() })
}
