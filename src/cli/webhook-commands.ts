// Webhook endpoints from the server's shell (`webhook create`, `webhook list`, `webhook delete`,
// `webhook rotate-secret`): the same checks and store as the API's (modules/webhooks), for
// operators who set up a tenant before any admin has an API key.
import { badUserInput, notFound } from '../errors.js'
import { EVENT_TYPES } from '../modules/events/types.js'
import { checkWebhookTarget, parseWebhookUrl } from '../modules/webhooks/url-check.js'
import { required, str, tenantOption, withTenant } from './command.js'
import type { Command } from './command.js'

function eventList (value: string): string[] {
  const events = value.split(',').map(item => item.trim()).filter(Boolean)
  const unknown = events.filter(event => event !== '*' && !(EVENT_TYPES as readonly string[]).includes(event))
  if (events.length === 0 || unknown.length > 0) {
    throw badUserInput('invalid events', [{ field: 'events', message: `must be "*" or a comma-separated list of ${EVENT_TYPES.join(', ')}` }])
  }
  return events.includes('*') ? ['*'] : [...new Set(events)]
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
    run: (config, o, _p, io) => withTenant(config, io, o, async (ctx, tenantId) => {
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
    run: (config, o, _p, io) => withTenant(config, io, o, async (ctx, tenantId) => (await ctx.stores.webhooks.list(tenantId)).map(view))
  },
  'webhook:delete': {
    help: 'Delete a webhook endpoint and its delivery log',
    options: { tenant: tenantOption, id: { type: 'string', help: 'the endpoint id' } },
    run: (config, o, _p, io) => withTenant(config, io, o, async (ctx, tenantId) => {
      required(o, 'id')
      if (!await ctx.stores.webhooks.remove(tenantId, str(o, 'id')!)) throw notFound('webhook')
      return { deleted: str(o, 'id') }
    })
  },
  'webhook:rotate-secret': {
    help: 'Replace a webhook endpoint\'s signing secret; prints the new one, shown only this once',
    options: { tenant: tenantOption, id: { type: 'string', help: 'the endpoint id' } },
    run: (config, o, _p, io) => withTenant(config, io, o, async (ctx, tenantId) => {
      required(o, 'id')
      const rotated = await ctx.stores.webhooks.rotateSecret(tenantId, str(o, 'id')!)
      if (rotated === null) throw notFound('webhook')
      return { ...view(rotated.endpoint), secret: rotated.secret }
    })
  }
}
