// REST: renewal offers (/v1/domains/{name}/renew-offer), renewals of one domain
// (/v1/domains/{name}/renew) or many (/v1/domains/renew), and the account's automatic renewal
// settings (/v1/me/autorenew), over the same service as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { ResalePriceSchema } from '../catalog/schemas.js'
import { IdempotencyKeyHeader } from '../orders/idempotency-header.js'
import { orderLinks, orderPrices, orderStatus, requireOrder } from '../orders/orders.js'
import { AllowDuplicateSchema, OrderSchema } from '../orders/schemas.js'
import { PaymentChoiceSchema } from '../orders/payment-schema.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { DomainNameSchema } from '../shared/domain-name.js'
import { renewalTasks } from './resolvers.js'
import { MAX_RENEWED_DOMAINS, autorenewSettings, renewDomains, renewOffer } from './service.js'
import { confirmDomainTermination, confirmZoneTermination, terminateDomain, terminateZone } from './termination.js'
import type { PlacedRenewal, RenewInput } from './service.js'
import type { DomainTask } from '../tasks/schemas.js'
import { ClientReferenceBody } from '../orders/client-reference-schema.js'
import { clientReferenceOf } from '../orders/client-reference.js'

const OfferSchema = z.object({
  domain: z.string(),
  serviceId: z.number(),
  state: z.string().describe('OVH\'s domain state'),
  expiration: z.string().describe('When the domain expires (YYYY-MM-DD)'),
  automatic: z.boolean().describe('Whether OVH renews it automatically'),
  renewable: z.boolean(),
  reason: z.string().nullable().describe('Why it cannot be renewed now'),
  periods: z.array(z.object({ duration: z.string().describe('ISO 8601 (P1Y)'), years: z.number(), price: ResalePriceSchema.nullable() }))
})

const RenewalSchema = z.object({
  replayed: z.boolean(),
  orderId: z.number().describe('The order OVH made'),
  domains: z.array(z.string()),
  duration: z.string().describe('ISO 8601 (P1Y)'),
  order: OrderSchema.omit({ details: true, billId: true }).nullable().describe('null when it could not be read right after ordering (GET /v1/orders/{orderId} later)'),
  tasks: z.array(z.object({ id: z.number(), function: z.string(), status: z.string() }).passthrough()).describe('The DomainRenew task of each domain, once OVH delivered the order')
})

// What the service accepts as a termination token (termination.ts), documented from here.
const TokenSchema = z.string().max(255).regex(/\S/, 'the token of OVH\'s email about the termination')

const AutorenewSchema = z.object({ active: z.boolean(), renewDay: z.number(), lastRenew: z.string().nullable() })

const BodyBase = {
  duration: z.number().int().min(1).max(10).default(1).describe('Years, one of the periods of the renew offer'),
  payment: PaymentChoiceSchema.optional(),
  allowDuplicate: AllowDuplicateSchema,
  clientReference: ClientReferenceBody
}

// Once OVH has the order, a read for the answer that fails leaves its part out rather than turning
// an order made, and recorded as made, into an error (as orderDomain's answer does).
async function renewalBody (caller: Caller, placed: PlacedRenewal & { replayed: boolean }) {
  let order = null
  let tasks: DomainTask[] = []
  try {
    const ovh = await requireOrder(caller, placed.orderId)
    const [status, prices, clientReference] = await Promise.all([orderStatus(caller, ovh.orderId), orderPrices(caller, ovh), clientReferenceOf(caller, ovh.orderId)])
    order = { orderId: ovh.orderId, date: ovh.date, expirationDate: ovh.expirationDate, ...orderLinks(caller, ovh), status, prices, clientReference }
    tasks = await renewalTasks(caller, placed)
  } catch (err) {
    caller.log.warn({ err, orderId: placed.orderId }, `renewal order ${placed.orderId} was made; it could not be read for the answer`)
  }
  return { replayed: placed.replayed, orderId: placed.orderId, domains: placed.domains, duration: placed.duration, order, tasks }
}

const renewalRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/domains/:name/renew-offer', {
    schema: {
      operationId: 'getRenewOffer',
      tags: ['renewals'],
      summary: 'Whether and for how long a domain can be renewed now, with the resale price of each period',
      params: z.object({ name: DomainNameSchema }),
      response: { 200: OfferSchema }
    }
  }, async function (request) {
    return renewOffer(request.caller, request.params.name)
  })

  app.post('/domains/:name/renew', {
    schema: {
      operationId: 'renewDomain',
      tags: ['renewals'],
      summary: 'Renews a domain for N years through OVH\'s renew flow, paid, once per Idempotency-Key (409 DOMAIN_NOT_RENEWABLE when OVH does not renew it now)',
      params: z.object({ name: DomainNameSchema }),
      headers: IdempotencyKeyHeader,
      body: z.object(BodyBase),
      response: { 200: RenewalSchema, 201: RenewalSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const placed = await renewDomains(caller, { ...request.body, domains: [request.params.name] } as RenewInput, request.headers['idempotency-key'])
    reply.header('idempotent-replayed', String(placed.replayed))
    return reply.code(placed.replayed ? 200 : 201).send(await renewalBody(caller, placed))
  })

  app.post('/domains/renew', {
    schema: {
      operationId: 'renewDomains',
      tags: ['renewals'],
      summary: 'Renews several domains for the same period in one OVH order, once per Idempotency-Key',
      headers: IdempotencyKeyHeader,
      // Each name is checked by the service (every error at once, fields as in GraphQL: domains[1]).
      body: z.object({ domains: z.array(checkedInService(z.string(), DomainNameSchema)).min(1).max(MAX_RENEWED_DOMAINS).describe('The domains, each once'), ...BodyBase }),
      response: { 200: RenewalSchema, 201: RenewalSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const placed = await renewDomains(caller, request.body as RenewInput, request.headers['idempotency-key'])
    reply.header('idempotent-replayed', String(placed.replayed))
    return reply.code(placed.replayed ? 200 : 201).send(await renewalBody(caller, placed))
  })

  const TerminationSchema = z.object({ domain: z.string(), serviceId: z.number(), message: z.string().describe('OVH\'s instructions') })

  app.post('/domains/:name/terminate', {
    schema: {
      operationId: 'terminateDomain',
      tags: ['renewals'],
      summary: 'Asks OVH to terminate a domain now; OVH emails the admin contact a token to confirm it with (409 DOMAIN_NOT_TERMINABLE when it cannot be)',
      params: z.object({ name: DomainNameSchema }),
      response: { 200: TerminationSchema }
    }
  }, async function (request) {
    return terminateDomain(request.caller, request.params.name)
  })

  app.post('/domains/:name/terminate/confirm', {
    schema: {
      operationId: 'confirmDomainTermination',
      tags: ['renewals'],
      summary: 'Confirms a termination with the token of OVH\'s email: the domain is deleted and enters redemption',
      params: z.object({ name: DomainNameSchema }),
      body: z.object({ token: checkedInService(z.string(), TokenSchema).describe('The token of OVH\'s email') }),
      response: { 200: TerminationSchema }
    }
  }, async function (request) {
    return confirmDomainTermination(request.caller, request.params.name, request.body.token)
  })

  const ZoneTerminationSchema = z.object({ zone: z.string(), message: z.string().describe('OVH\'s answer') })

  app.post('/dns/zones/:zone/terminate', {
    schema: {
      operationId: 'terminateDnsZone',
      tags: ['renewals'],
      summary: 'Asks OVH to terminate a DNS zone; OVH emails a token to confirm it with',
      params: z.object({ zone: DomainNameSchema }),
      response: { 200: ZoneTerminationSchema }
    }
  }, async function (request) {
    return terminateZone(request.caller, request.params.zone)
  })

  app.post('/dns/zones/:zone/terminate/confirm', {
    schema: {
      operationId: 'confirmDnsZoneTermination',
      tags: ['renewals'],
      summary: 'Confirms a DNS zone\'s termination with the token of OVH\'s email: the zone is deleted',
      params: z.object({ zone: DomainNameSchema }),
      body: z.object({ token: checkedInService(z.string(), TokenSchema).describe('The token of OVH\'s email') }),
      response: { 200: ZoneTerminationSchema }
    }
  }, async function (request) {
    return confirmZoneTermination(request.caller, request.params.zone, request.body.token)
  })

  app.get('/me/autorenew', {
    schema: {
      operationId: 'getAutorenew',
      tags: ['renewals'],
      summary: 'The account\'s automatic renewal settings (404 where OVH has none)',
      response: { 200: AutorenewSchema }
    }
  }, async function (request) {
    const settings = await autorenewSettings(request.caller)
    if (settings === null) throw notFound('automatic renewal settings')
    return settings
  })
}

export default renewalRoutes
