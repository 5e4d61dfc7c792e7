// GraphQL: webhook endpoints, their delivery log, redelivery and ping (admins).
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { connectionOf } from '../shared/pagination.js'
import type { WebhookView } from './service.js'
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, pingWebhook, redeliver, rotateWebhookSecret, updateWebhook } from './service.js'
import { notFound } from '../../errors.js'
import type {} from './plugin.js'

const withSecret = ({ secret, ...webhook }: WebhookView & { secret: string }) => ({ webhook, secret })

export const webhooksResolvers: Resolvers = {
  Query: {
    webhooks: async (_root, _args, { caller }) => await listWebhooks(caller),
    webhook: async (_root, { id }: { id: string }, { caller }) => {
      try {
        return await getWebhook(caller, id)
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return null
        throw err
      }
    }
  },
  Mutation: {
    createWebhook: async (_root, { input }, { caller, app }) => withSecret(await createWebhook(app.webhookSettings, caller, input)),
    updateWebhook: async (_root, { id, input }, { caller, app }) => await updateWebhook(app.webhookSettings, caller, id, input),
    deleteWebhook: async (_root, { id }: { id: string }, { caller }) => await deleteWebhook(caller, id),
    rotateWebhookSecret: async (_root, { id }: { id: string }, { caller }) => withSecret(await rotateWebhookSecret(caller, id)),
    pingWebhook: async (_root, { id }: { id: string }, { caller, app }) => await pingWebhook(app.webhookSettings, caller, id),
    redeliverWebhook: async (_root, { deliveryId }: { deliveryId: string }, { caller, app }) => {
      if (typeof deliveryId !== 'string') throw notFound('delivery')
      return await redeliver(app.webhookSettings, caller, deliveryId)
    }
  },
  Webhook: {
    deliveries: async (webhook: WebhookView, args, { caller }) => connectionOf(await listDeliveries(caller, webhook.id, args))
  }
}
