// Webhook endpoints from the server's shell (`webhook create`, `webhook list`, `webhook delete`,
// `webhook rotate-secret`): the same checks and store as the API's (modules/webhooks), for
// operators who set up a tenant before any admin has an API key.
import type { Config } from '../config.js'
import { openAdminContext } from './context.js'
import { tenantBySlug } from '../admin/context.js'
import { badUserInput, notFound } from '../errors.js'
import { EVENT_TYPES } from '../modules/events/types.js'
import { checkWebhookTarget, parseWebhookUrl } from '../modules/webhooks/url-check.js'
import type { Command, Options } from './commands.js'

const str = (options: Options, name: string): string | undefined => typeof options[name] === 'string' ? options[name] as string : undefined
const tenantOption = { type: 'string' as const, help: 'tenant slug' }

function required (options: Options, ...names: string[]): void {
  const missing = names.filter(name => str(options, name) === undefined)
  if (missing.length > 0) throw badUserInput(`missing option(s): ${missing.map(n => `--${n}`).join(', ')}`, missing.map(field => ({ field, message: 'is required' })))
}

function eventList (value: string): string[] {
  const events = value.split(',').map(item => item.trim()).filter(Boolean)
  const unknown = events.filter(event => event !== '*' && !(EVENT_TYPES as readonly string[]).includes(event))
  if (events.length === 0 || unknown.length > 0) {
    throw badUserInput('invalid events', [{ field: 'events', message: `must be "*" or a comma-separated list of ${EVENT_TYPES.join(', ')}` }])
  }
  return events.includes('*') ? ['*'] : [...new Set(events)]
}

async function withTenant<T> (config: Config, options: Options, work: (ctx: Awaited<ReturnType<typeof openAdminContext>>, tenantId: string) => Promise<T>): Promise<T> {
  required(options, 'tenant')
  const ctx = await openAdminContext(config)
  try {
    const tenant = await tenantBySlug(ctx, str(options, 'tenant')!)
    return await work(ctx, tenant.id)
  } finally {
    await ctx.close()
  }
}

const view = ({ secret: _sealed, ...endpoint }: { secret: string, [key: string]: unknown }) => endpoint

export const webhookCommands: Record<string, Command> = {
  'webhook:create': {
    help: 'Create a webhook endpoint; prints its signing secret, shown only this once',
    options: {
      tenant: tenantOption,
      url: { type: 'string', help: 'http(s) URL of the receiver' },
      events: { type: 'string', help: 'comma-separated event types, or * for all' }
    },
    run: (config, o) => withTenant(config, o, async (ctx, tenantId) => {
      required(o, 'url', 'events')
      const url = parseWebhookUrl(str(o, 'url')!)
      await checkWebhookTarget(url, config.webhooks.allowPrivate)
      const { endpoint, secret } = await ctx.stores.webhooks.create(tenantId, { url: url.toString(), events: eventList(str(o, 'events')!) })
      return { ...view(endpoint), secret }
    })
  },
  'webhook:list': {
    help: 'The tenant\'s webhook endpoints (never their secrets)',
    options: { tenant: tenantOption },
    run: (config, o) => withTenant(config, o, async (ctx, tenantId) => (await ctx.stores.webhooks.list(tenantId)).map(view))
  },
  'webhook:delete': {
    help: 'Delete a webhook endpoint and its delivery log',
    options: { tenant: tenantOption, id: { type: 'string', help: 'the endpoint id' } },
    run: (config, o) => withTenant(config, o, async (ctx, tenantId) => {
      required(o, 'id')
      if (!await ctx.stores.webhooks.remove(tenantId, str(o, 'id')!)) throw notFound('webhook')
      return { deleted: str(o, 'id') }
    })
  },
  'webhook:rotate-secret': {
    help: 'Replace a webhook endpoint\'s signing secret; prints the new one, shown only this once',
    options: { tenant: tenantOption, id: { type: 'string', help: 'the endpoint id' } },
    run: (config, o) => withTenant(config, o, async (ctx, tenantId) => {
      required(o, 'id')
      const rotated = await ctx.stores.webhooks.rotateSecret(tenantId, str(o, 'id')!)
      if (rotated === null) throw notFound('webhook')
      return { ...view(rotated.endpoint), secret: rotated.secret }
    })
  }
}
