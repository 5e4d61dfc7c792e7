// REST: /v1/orders* (list, detail with lines and status, payment) and /v1/payment-methods, over
// the same service as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Caller } from '../../upstream/caller.js'
import { listOrders, orderDetails, orderIdOf, orderLinks, orderPrices, orderStatus, readOrder, readOrderStatus, requireOrder } from './orders.js'
import { originOf } from './mirror-orders.js'
import { freshnessQuery, sendFreshness } from '../domains/freshness-query.js'
import { listPaymentMethods, orderPaymentMeans, payOrder } from './payments.js'
import { AllowDuplicateSchema, ORDER_STATUSES, OrderSchema, PaymentMethodSchema } from './schemas.js'
import { PaymentChoiceSchema } from './payment-schema.js'
import type { OvhBillingOrder } from './schemas.js'
import { ResalePriceSchema } from '../catalog/schemas.js'
import { orderDomain } from './order-domain.js'
import type { OrderDomainInput, PlacedOrder } from './order-domain.js'
import { actionOfDetail, taskOfOrderLine } from './order-tasks.js'
import { tradeDomain, tradeQuote } from './trade.js'
import { restoreDomain, restoreOffer } from '../renewals/restore.js'
import type { RestoreInput } from '../renewals/restore.js'
import type { TradeInput } from './trade.js'
import { notFound } from '../../errors.js'
import { orderBillId } from '../bills/service.js'
import { restPageSchema } from '../shared/rest-page.js'
import { IdempotencyKeyHeader } from './idempotency-header.js'
import { dateQuery } from '../shared/date-query.js'
import { commaSeparated, listQuery } from '../shared/comma-separated.js'
import { checkedInService, objectCheckedInService } from '../shared/checked-in-service.js'
import { AuthInfoSchema, ClaimNoticeIdSchema, NicHandleSchema, PricingModeSchema } from './input-formats.js'
import { optionalBody } from '../shared/optional-body.js'
import { ClientReferenceBody } from './client-reference-schema.js'
import { ClientReferenceSchema, clientReferenceOf } from './client-reference.js'
import { booleanQuery } from '../shared/boolean-query.js'
import { OwnerContactInputSchema } from '../contacts/schemas.js'

const orderParams = z.object({ orderId: z.coerce.number().int().positive() })
// Contact fields are checked by the service, so REST and GraphQL report the same field paths.
const OwnerSchema = z.object({
  contactId: z.number().int().positive().optional().describe('An existing owner contact (GET /v1/contacts/owners)'),
  contact: objectCheckedInService(OwnerContactInputSchema).optional().describe('A new owner contact, created for this order')
}).describe('The owner: contactId or contact; leave it out for the owner OVH builds from your account\'s NIC')
const PlacedSchema = z.object({
  replayed: z.boolean(),
  orderId: z.number().describe('The order OVH made, always known once it is made'),
  domain: z.string(),
  action: z.enum(['create', 'transfer', 'trade', 'restore']),
  ownerContactId: z.number().nullable(),
  order: OrderSchema.nullable().describe('null when it could not be read right after ordering (GET /v1/orders/{orderId} later); prices null and details left out likewise'),
  task: z.object({ id: z.number(), function: z.string(), status: z.string() }).passthrough().nullable()
})

// Once OVH has the order, a read for the answer that fails (an outage, a budget spent meanwhile)
// leaves its part out rather than turning an order made, and recorded as made, into an error.
async function readOrNull<T> (caller: Caller, orderId: number, what: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (err) {
    caller.log.warn({ err, orderId }, `order ${orderId} was made; its ${what} could not be read for the answer`)
    return null
  }
}

async function placedBody (caller: Caller, placed: PlacedOrder & { replayed: boolean }) {
  const { orderId } = placed
  const order = await readOrNull(caller, orderId, 'order', () => requireOrder(caller, orderId))
  const [status, details, prices, task] = order === null
    ? [null, null, null, null]
    : await Promise.all([
      readOrNull(caller, orderId, 'status', () => orderStatus(caller, orderId)),
      readOrNull(caller, orderId, 'lines', () => detailsWithTasks(caller, order)),
      readOrNull(caller, orderId, 'prices', () => orderPrices(caller, order)),
      readOrNull(caller, orderId, 'task', () => taskOfOrderLine(caller, placed.domain, placed.action, order.date))
    ])
  const body = order === null || status === null
    ? null
    : { orderId, date: order.date, expirationDate: order.expirationDate, ...orderLinks(caller, order), status, prices, clientReference: await readOrNull(caller, orderId, 'client reference', () => clientReferenceOf(caller, orderId)), ...(details === null ? {} : { details }) }
  return { replayed: placed.replayed, orderId, domain: placed.domain, action: placed.action, ownerContactId: placed.contactId, order: body, task }
}

// Each line with the id of the domain task it created, found as GraphQL's OrderDetail.task is.
async function detailsWithTasks (caller: Caller, order: OvhBillingOrder) {
  const details = await orderDetails(caller, order.orderId)
  return Promise.all(details.map(async detail => {
    const task = detail.domain ? await taskOfOrderLine(caller, detail.domain, actionOfDetail(detail.detailType), order.date) : null
    return { ...detail, taskId: task?.id ?? null }
  }))
}

async function orderBody (caller: Caller, order: OvhBillingOrder, withDetails: boolean, withTotals = withDetails) {
  const [status, details, prices, billId, clientReference] = await Promise.all([
    orderStatus(caller, order.orderId),
    withDetails ? detailsWithTasks(caller, order) : undefined,
    withTotals ? orderPrices(caller, order) : null,
    withDetails ? orderBillId(caller, order.orderId) : undefined,
    clientReferenceOf(caller, order.orderId)
  ])
  const { orderId, date, expirationDate } = order
  return { orderId, date, expirationDate, ...orderLinks(caller, order), status, prices, clientReference, ...(details ? { details } : {}), ...(billId !== undefined ? { billId } : {}) }
}

const orderRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/orders', {
    schema: {
      operationId: 'listOrders',
      tags: ['orders'],
      summary: 'The account\'s orders, newest first, with their status (prices and lines: GET /v1/orders/{orderId})',
      querystring: listQuery({
        first: z.coerce.number().int().min(1).max(100).default(20),
        after: z.string().optional(),
        from: dateQuery('Orders made from this instant (from the mirror when inside its window, the last 90 days)'),
        to: dateQuery('Orders made before this instant'),
        status: commaSeparated(z.enum(ORDER_STATUSES)).optional().describe('Only orders in one of these statuses (comma-separated): reads the status of every order of the range, one call each where the mirror does not hold it'),
        clientReference: ClientReferenceSchema.optional().describe('Only the orders placed through the gateway with this client reference (no OVH call)'),
        domain: DomainNameSchema.optional().describe('Only orders with a line about this domain: reads the lines of every order of the range (two calls each)'),
        totals: booleanQuery('true: each order\'s resale totals (prices), two calls per order of the page'),
        ...freshnessQuery
      }),
      response: { 200: restPageSchema(OrderSchema) }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const { first, after, from, to, status, clientReference, domain, totals, maxAge, live } = request.query
    const page = await listOrders(caller, { first, after, filter: { from, to, status, clientReference, domain }, maxAge, live })
    sendFreshness(reply, page.source, page.nodes.map(order => originOf(caller, order.orderId).syncedAt))
    return {
      items: await Promise.all(page.nodes.map(order => orderBody(caller, order, false, totals === true))),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount
    }
  })

  app.get('/orders/:orderId', {
    schema: { operationId: 'getOrder', tags: ['orders'], summary: 'One order: status, resale totals and lines (the order and status from the mirror when it holds them; lines and prices from OVH)', params: orderParams, querystring: z.object(freshnessQuery), response: { 200: OrderSchema } }
  }, async function (request, reply) {
    const caller = request.caller
    const order = await readOrder(caller, request.params.orderId, request.query)
    if (order === null) throw notFound(`order ${request.params.orderId}`)
    const origin = originOf(caller, order.orderId)
    sendFreshness(reply, origin.source, [origin.syncedAt])
    return orderBody(caller, order, true)
  })

  app.get('/orders/:orderId/status', {
    schema: { operationId: 'getOrderStatus', tags: ['orders'], summary: 'The order\'s status', params: orderParams, querystring: z.object(freshnessQuery), response: { 200: z.object({ orderId: z.number(), status: z.enum(ORDER_STATUSES) }) } }
  }, async function (request, reply) {
    const caller = request.caller
    const orderId = orderIdOf(request.params.orderId)
    const status = await readOrderStatus(caller, orderId, request.query)
    const origin = originOf(caller, orderId)
    sendFreshness(reply, origin.source, [origin.syncedAt])
    return { orderId, status }
  })

  app.get('/orders/:orderId/payment-means', {
    schema: { operationId: 'listOrderPaymentMeans', tags: ['orders'], summary: 'The registered payment means that can pay this order', params: orderParams, response: { 200: z.object({ items: z.array(z.string()) }) } }
  }, async function (request) {
    return { items: await orderPaymentMeans(request.caller, request.params.orderId) }
  })

  app.post('/orders/:orderId/pay', {
    schema: {
      operationId: 'payOrder',
      tags: ['orders'],
      summary: 'Pays the order with a payment method, a registered payment mean, or the default payment method',
      params: orderParams,
      // No body pays with the default method, as payOrder(orderId) does.
      body: optionalBody(PaymentChoiceSchema, 'the account\'s default payment method pays'),
      response: { 200: z.object({ orderId: z.number(), status: z.enum(ORDER_STATUSES) }) }
    }
  }, async function (request) {
    const status = await payOrder(request.caller, request.params.orderId, request.body)
    return { orderId: request.params.orderId, status }
  })

  app.post('/orders/domain', {
    schema: {
      operationId: 'orderDomain',
      tags: ['orders'],
      summary: 'A storefront\'s order in one call (registration, or transfer with authInfo); checked first, placed once per Idempotency-Key',
      headers: IdempotencyKeyHeader,
      body: z.object({
        // Checked by the service with the rest (every error at once, field paths as in GraphQL),
        // documented from the same schemas.
        domain: checkedInService(z.string(), DomainNameSchema),
        duration: z.number().int().min(1).max(10).default(1),
        owner: OwnerSchema.optional(),
        adminAccount: checkedInService(z.string(), NicHandleSchema).optional(),
        techAccount: checkedInService(z.string(), NicHandleSchema).optional(),
        dns: z.object({ nameServers: z.array(z.string().max(255)).max(13).optional() }).optional(),
        authInfo: checkedInService(z.string(), AuthInfoSchema).optional().describe('The transfer code: required for a name registered elsewhere'),
        acceptConditions: z.boolean().optional(),
        clientReference: ClientReferenceBody,
        acknowledgedClaimNotice: checkedInService(z.string(), ClaimNoticeIdSchema).optional().describe('The id of the trademark claim notice the owner acknowledged; required for a name in its TLD\'s claims period'),
        ownerLegalAge: checkedInService(z.boolean(), z.literal(true)).describe('true: the storefront confirms the owner is of legal age (OVH\'s OWNER_LEGAL_AGE)'),
        pricingMode: checkedInService(z.string(), PricingModeSchema).optional(),
        payment: PaymentChoiceSchema.optional(),
        allowDuplicate: AllowDuplicateSchema,
        customer: z.string().min(1).max(100).optional().describe('The tenant\'s reference of the customer the domain is for: the customer owns it once the order is placed')
      }),
      response: { 200: PlacedSchema, 201: PlacedSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const placed = await orderDomain(caller, request.body as OrderDomainInput, request.headers['idempotency-key'])
    reply.header('idempotent-replayed', String(placed.replayed))
    return reply.code(placed.replayed ? 200 : 201).send(await placedBody(caller, placed))
  })

  app.get('/domains/:name/trade-quote', {
    schema: {
      operationId: 'getTradeQuote',
      tags: ['orders'],
      summary: 'What changing the owner of a domain costs, before ordering it',
      params: z.object({ name: DomainNameSchema }),
      response: { 200: z.object({ domain: z.string(), planCode: z.string(), pricingMode: z.string(), duration: z.string(), price: ResalePriceSchema }) }
    }
  }, async function (request) {
    const quote = await tradeQuote(request.caller, request.params.name)
    if (quote === null) throw notFound(`owner change of ${request.params.name}`)
    return quote
  })

  app.post('/domains/:name/trade', {
    schema: {
      operationId: 'tradeDomain',
      tags: ['orders'],
      summary: 'Changes the owner of a domain through an order; checked against the trade rules first, placed once per Idempotency-Key',
      params: z.object({ name: DomainNameSchema }),
      headers: IdempotencyKeyHeader,
      body: z.object({ owner: OwnerSchema, payment: PaymentChoiceSchema.optional(), allowDuplicate: AllowDuplicateSchema }),
      response: { 200: PlacedSchema, 201: PlacedSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const placed = await tradeDomain(caller, { domain: request.params.name, ...request.body } as TradeInput, request.headers['idempotency-key'])
    reply.header('idempotent-replayed', String(placed.replayed))
    return reply.code(placed.replayed ? 200 : 201).send(await placedBody(caller, placed))
  })

  app.get('/domains/:name/restore-offer', {
    schema: {
      operationId: 'getRestoreOffer',
      tags: ['renewals'],
      summary: 'Whether a domain in redemption can be restored, and its resale price (a fee with a year of renewal)',
      params: z.object({ name: DomainNameSchema }),
      response: {
        200: z.object({
          domain: z.string(),
          state: z.string().describe('OVH\'s domain state'),
          restorable: z.boolean(),
          reason: z.string().nullable().describe('Why it cannot be restored now'),
          planCode: z.string().nullable(),
          pricingMode: z.string().nullable(),
          duration: z.string().nullable().describe('The renewal a restore includes (P1Y)'),
          price: ResalePriceSchema.nullable()
        })
      }
    }
  }, async function (request) {
    return restoreOffer(request.caller, request.params.name)
  })

  app.post('/domains/:name/restore', {
    schema: {
      operationId: 'restoreDomain',
      tags: ['renewals'],
      summary: 'Restores a domain from redemption through an order, once per Idempotency-Key (409 DOMAIN_NOT_RESTORABLE when it is not in redemption)',
      params: z.object({ name: DomainNameSchema }),
      headers: IdempotencyKeyHeader,
      body: optionalBody(z.object({ payment: PaymentChoiceSchema.optional(), allowDuplicate: AllowDuplicateSchema }), 'the account\'s default payment method pays'),
      response: { 200: PlacedSchema, 201: PlacedSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const placed = await restoreDomain(caller, { domain: request.params.name, ...(request.body ?? {}) } as RestoreInput, request.headers['idempotency-key'])
    reply.header('idempotent-replayed', String(placed.replayed))
    return reply.code(placed.replayed ? 200 : 201).send(await placedBody(caller, placed))
  })

  app.get('/payment-methods', {
    schema: { operationId: 'listPaymentMethods', tags: ['orders'], summary: 'The account\'s registered payment methods', response: { 200: z.object({ items: z.array(PaymentMethodSchema) }) } }
  }, async function (request) {
    return { items: await listPaymentMethods(request.caller) }
  })
}

export default orderRoutes
