// What each GraphQL field weighs in a query's cost (graphql/cost.ts): which fields fetch data, and
// which of those stay in the gateway (its database, the portfolio mirror) rather than call OVH.
import type { IResolvers } from 'mercurius'
import { MAX_GROUPING_CALLS } from '../modules/tasks/service.js'

// A field answered from the gateway's database or mirror, and one that calls OVH for each item.
export const LOCAL_READ = 1
export const OVH_CALL = 10
// The size assumed for a list with neither a page size (`first`) nor a list of ids to read.
export const UNSIZED_LIST = 10
// `first` above this is refused as BAD_USER_INPUT by the field itself (checkPaging); counting it at
// most this keeps that refusal (and its field name) for the client.
export const MAX_PAGE = 100

// Fields that fetch but never call OVH: the gateway's own records (users, keys, audit, events,
// webhooks, customers, settings) and what the mirror keeps beside each object.
const LOCAL_FIELDS = new Set([
  'Query.me', 'Query.mirrorStatus', 'Query.auditEntries', 'Query.events', 'Query.webhooks', 'Query.webhook',
  'Query.users', 'Query.user', 'Query.corsOrigins', 'Query.consumerKeyReturnUrl', 'Query.customers',
  'Query.customer', 'Query.customerKeyUser', 'Query.priceRules',
  'User.apiKeys', 'User.consumerKey', 'Order.source', 'Order.syncedAt', 'Order.clientReference', 'Webhook.deliveries',
  'Mutation.setPriceRule', 'Mutation.deletePriceRule', 'Mutation.createWebhook', 'Mutation.updateWebhook',
  'Mutation.deleteWebhook', 'Mutation.rotateWebhookSecret', 'Mutation.pingWebhook', 'Mutation.redeliverWebhook',
  'Mutation.createUser', 'Mutation.updateUser', 'Mutation.createApiKey', 'Mutation.revokeApiKey', 'Mutation.createToken',
  'Mutation.setCorsOrigins', 'Mutation.setConsumerKeyReturnUrl', 'Mutation.createCustomer', 'Mutation.updateCustomer',
  'Mutation.deleteCustomer'
])

export type FieldKind = 'local' | 'ovh'

/**
 * Fields whose resolver reads for every parent of a page together, making at most this many OVH
 * calls in all and refusing the query past that (BAD_USER_INPUT): their cost is capped at that
 * many calls, not counted per parent. Answered from the mirror, they make none.
 */
export const PAGE_CAPPED_CALLS: Readonly<Record<string, number>> = {
  'Domain.tasks': MAX_GROUPING_CALLS
}

/**
 * `Type.field` of every field whose resolver reads the request's context (its third parameter:
 * the caller and its OVH client, loaders, the database), and so fetches; the others only reshape
 * their parent. Reading it from the resolvers, rather than listing OVH fields by hand, makes a new
 * field count as an OVH call until it is listed in LOCAL_FIELDS: too costly rather than free.
 */
export function fieldKinds (resolvers: IResolvers): Map<string, FieldKind> {
  const kinds = new Map<string, FieldKind>()
  for (const [type, fields] of Object.entries(resolvers as Record<string, Record<string, unknown>>)) {
    if (type === 'Subscription') continue
    for (const [field, resolver] of Object.entries(fields)) {
      if (typeof resolver !== 'function' || resolver.length < 3) continue
      const name = `${type}.${field}`
      kinds.set(name, LOCAL_FIELDS.has(name) ? 'local' : 'ovh')
    }
  }
  return kinds
}

/** Listed names that are no field with a resolver: kept honest by test/graphql/cost.test.ts. */
export function unknownLocalFields (kinds: Map<string, FieldKind>): string[] {
  return [...LOCAL_FIELDS].filter(name => kinds.get(name) !== 'local')
}
