// The tenants' webhook endpoints and their deliveries. The signing secret is kept sealed by the
// secret box (like consumer keys) since every delivery needs it in clear to sign.
import type { Db } from '../../db/client.js'
import type { SecretBox } from '../../crypto/secret-box.js'
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.js'
import { newWebhookSecret } from './signature.js'
import { HORIZON } from '../events/feed.js'

export const secretContext = (endpointId: string): string => `webhook:${endpointId}`

export interface EndpointInput {
  url: string
  events: string[]
  enabled?: boolean
  description?: string | null
}

export function createWebhookStore (db: Db, secrets: SecretBox) {
  return {
    /** Creates the endpoint and answers it with its secret in clear, the only time it is shown. */
    async create (tenantId: string, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint, secret: string }> {
      const secret = newWebhookSecret()
      const endpoint = await db.$transaction(async tx => {
        const created = await tx.webhookEndpoint.create({
          data: { tenantId, url: input.url, events: input.events, enabled: input.enabled ?? true, description: input.description ?? null, secret: '' }
        })
        // Where it starts in the feed: transactions still running now (their events not committed
        // yet) are at or past the horizon, and their events are owed to it (dispatch.ts).
        await tx.$executeRawUnsafe(`${HORIZON} UPDATE "WebhookEndpoint" SET "feedFrom" = (SELECT at FROM horizon) WHERE id = $1::uuid`, created.id)
        return await tx.webhookEndpoint.update({ where: { id: created.id }, data: { secret: secrets.seal(secret, secretContext(created.id)) } })
      })
      return { endpoint, secret }
    },

    list: (tenantId: string): Promise<WebhookEndpoint[]> =>
      db.webhookEndpoint.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } }),

    find: (tenantId: string, id: string): Promise<WebhookEndpoint | null> =>
      db.webhookEndpoint.findFirst({ where: { tenantId, id } }),

    async update (tenantId: string, id: string, input: Partial<EndpointInput>): Promise<WebhookEndpoint | null> {
      const found = await db.webhookEndpoint.findFirst({ where: { tenantId, id } })
      if (found === null) return null
      // Turning an endpoint back on starts its failure count afresh.
      const reenabled = input.enabled === true && !found.enabled
      return await db.webhookEndpoint.update({
        where: { id },
        data: {
          ...(input.url === undefined ? {} : { url: input.url }),
          ...(input.events === undefined ? {} : { events: input.events }),
          ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
          ...(input.description === undefined ? {} : { description: input.description }),
          ...(reenabled ? { failingSince: null, disabledReason: null } : {})
        }
      })
    },

    async remove (tenantId: string, id: string): Promise<boolean> {
      const { count } = await db.webhookEndpoint.deleteMany({ where: { tenantId, id } })
      return count > 0
    },

    async rotateSecret (tenantId: string, id: string): Promise<{ endpoint: WebhookEndpoint, secret: string } | null> {
      const found = await db.webhookEndpoint.findFirst({ where: { tenantId, id } })
      if (found === null) return null
      const secret = newWebhookSecret()
      const endpoint = await db.webhookEndpoint.update({ where: { id }, data: { secret: secrets.seal(secret, secretContext(id)) } })
      return { endpoint, secret }
    },

    secretOf: (endpoint: Pick<WebhookEndpoint, 'id' | 'secret'>): string => secrets.open(endpoint.secret, secretContext(endpoint.id)),

    deliveries: (endpointId: string, take: number, before?: { createdAt: Date, id: string }): Promise<WebhookDelivery[]> =>
      db.webhookDelivery.findMany({
        where: {
          endpointId,
          ...(before === undefined ? {} : { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] })
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take
      }),

    countDeliveries: (endpointId: string): Promise<number> => db.webhookDelivery.count({ where: { endpointId } }),

    addDelivery: (endpointId: string, eventId: string | null, ping: boolean): Promise<WebhookDelivery> =>
      db.webhookDelivery.create({ data: { endpointId, eventId, ping } }),

    findDelivery: (tenantId: string, id: string) =>
      db.webhookDelivery.findFirst({ where: { id, endpoint: { tenantId } }, include: { endpoint: true } })
  }
}

export type WebhookStore = ReturnType<typeof createWebhookStore>
