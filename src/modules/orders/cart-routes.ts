// REST: /v1/carts*, the cart mirrored, and its checkout with an Idempotency-Key header; over the
// same service as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { ConfigurationRequirementSchema } from '../catalog/schemas.js'
import { configurationsOf } from './cart-reads.js'
import type { CartItemView } from './cart-reads.js'
import {
  addDomainToCart, assignCart, cartSummary, checkoutPreview, createCart, deleteCart, getCart, getCartItem, getCartItems,
  listCarts, removeCartItem, removeCartItemConfiguration, requiredConfiguration, setCartItemConfiguration, updateCartItem
} from './carts.js'
import type { CartView } from './carts.js'
import { checkoutCart } from './checkout.js'
import { IdempotencyKeyHeader } from './idempotency-header.js'
import { AllowDuplicateSchema, CartItemSchema, CartSchema, CheckoutSchema, OrderPreviewSchema } from './schemas.js'
import type { Caller } from '../../upstream/caller.js'
import { optionalBody } from '../shared/optional-body.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { DomainNameSchema } from '../shared/domain-name.js'
import { ConfigurationLabelSchema, PlanCodeSchema, PricingModeSchema } from './input-formats.js'

const cartParams = z.object({ cartId: z.string().min(1).max(100) })
const itemParams = cartParams.extend({ itemId: z.coerce.number().int().positive() })
const ConfigurationSchema = z.object({ id: z.number(), label: z.string(), value: z.string() })
// A DELETE answers 204 with no body (documented so, not as the default 200).
const removed = z.null().describe('Removed (no body)')

async function itemBody (caller: Caller, item: CartItemView) {
  const { configurationIds, ...rest } = item
  return { ...rest, configurations: await configurationsOf(caller, item) }
}

async function cartBody (caller: Caller, cart: CartView) {
  const items = await getCartItems(caller, cart)
  return { cartId: cart.cartId, description: cart.description, expire: cart.expire, readOnly: cart.readOnly, items: await Promise.all(items.map(item => itemBody(caller, item))) }
}

const cartRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/carts', {
    schema: {
      operationId: 'listCarts',
      tags: ['carts'],
      summary: 'The carts you created through the gateway, newest first',
      response: { 200: z.object({ items: z.array(z.object({ cartId: z.string(), expiresAt: z.date(), checkedOutAt: z.date().nullable(), orderId: z.number().nullable() })) }) }
    }
  }, async function (request) {
    return { items: await listCarts(request.caller) }
  })

  app.post('/carts', {
    schema: {
      operationId: 'createCart',
      tags: ['carts'],
      summary: 'Creates a cart for the tenant\'s subsidiary, assigned to your OVH account unless assign is false',
      body: optionalBody(z.object({ description: z.string().max(255).optional(), assign: z.boolean().default(true) }), 'the cart is assigned to your account'),
      response: { 201: CartSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const cart = await createCart(caller, request.body)
    return reply.code(201).send(await cartBody(caller, cart))
  })

  app.get('/carts/:cartId', {
    schema: { operationId: 'getCart', tags: ['carts'], summary: 'A cart with its items, their prices and configuration', params: cartParams, response: { 200: CartSchema } }
  }, async function (request) {
    const caller = request.caller
    return cartBody(caller, await getCart(caller, request.params.cartId))
  })

  app.delete('/carts/:cartId', { schema: { operationId: 'deleteCart', tags: ['carts'], summary: 'Deletes a cart', params: cartParams, response: { 204: removed } } }, async function (request, reply) {
    await deleteCart(request.caller, request.params.cartId)
    return reply.code(204).send(null)
  })

  app.post('/carts/:cartId/assign', { schema: { operationId: 'assignCart', tags: ['carts'], summary: 'Assigns a cart to your OVH account', params: cartParams, response: { 200: CartSchema } } }, async function (request) {
    const caller = request.caller
    return cartBody(caller, await assignCart(caller, request.params.cartId))
  })

  app.post('/carts/:cartId/domains', {
    schema: {
      operationId: 'addDomainToCart',
      tags: ['carts'],
      summary: 'Adds a domain: a registration, or an incoming transfer for a registered name',
      params: cartParams,
      // Checked by the service (field paths as in GraphQL), documented from the same schemas.
      body: z.object({
        domain: checkedInService(z.string(), DomainNameSchema),
        duration: z.number().int().min(1).max(10).default(1),
        pricingMode: checkedInService(z.string(), PricingModeSchema).optional(),
        planCode: checkedInService(z.string(), PlanCodeSchema).optional()
      }),
      response: { 201: CartItemSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const item = await addDomainToCart(caller, request.params.cartId, request.body)
    return reply.code(201).send(await itemBody(caller, item))
  })

  app.get('/carts/:cartId/items/:itemId', { schema: { operationId: 'getCartItem', tags: ['carts'], summary: 'One item', params: itemParams, response: { 200: CartItemSchema } } }, async function (request) {
    const caller = request.caller
    return itemBody(caller, await getCartItem(caller, request.params.cartId, request.params.itemId))
  })

  app.put('/carts/:cartId/items/:itemId', {
    schema: { operationId: 'updateCartItem', tags: ['carts'], summary: 'Changes the duration of an item, in years', params: itemParams, body: z.object({ duration: z.number().int().min(1).max(10) }), response: { 200: CartItemSchema } }
  }, async function (request) {
    const caller = request.caller
    return itemBody(caller, await updateCartItem(caller, request.params.cartId, request.params.itemId, request.body))
  })

  app.delete('/carts/:cartId/items/:itemId', { schema: { operationId: 'removeCartItem', tags: ['carts'], summary: 'Removes an item', params: itemParams, response: { 204: removed } } }, async function (request, reply) {
    await removeCartItem(request.caller, request.params.cartId, request.params.itemId)
    return reply.code(204).send(null)
  })

  app.get('/carts/:cartId/items/:itemId/required-configuration', {
    schema: { operationId: 'getCartItemRequiredConfiguration', tags: ['carts'], summary: 'What the item needs configured before the checkout', params: itemParams, response: { 200: z.object({ items: z.array(ConfigurationRequirementSchema) }) } }
  }, async function (request) {
    return { items: await requiredConfiguration(request.caller, request.params.cartId, request.params.itemId) }
  })

  app.post('/carts/:cartId/items/:itemId/configurations', {
    schema: {
      operationId: 'setCartItemConfiguration',
      tags: ['carts'],
      summary: 'Sets a configuration (OWNER_CONTACT, ADMIN_ACCOUNT, TECH_ACCOUNT, DNS, AUTH_INFO, OWNER_LEGAL_AGE, ACCEPT_CONDITIONS...)',
      params: itemParams,
      body: z.object({ label: checkedInService(z.string(), ConfigurationLabelSchema), value: z.string().max(65_535) }),
      response: { 201: ConfigurationSchema }
    }
  }, async function (request, reply) {
    const { label, value } = request.body
    return reply.code(201).send(await setCartItemConfiguration(request.caller, request.params.cartId, request.params.itemId, label, value))
  })

  app.delete('/carts/:cartId/items/:itemId/configurations/:configurationId', {
    schema: { operationId: 'removeCartItemConfiguration', tags: ['carts'], summary: 'Removes a configuration', params: itemParams.extend({ configurationId: z.coerce.number().int().positive() }), response: { 204: removed } }
  }, async function (request, reply) {
    const { cartId, itemId, configurationId } = request.params
    await removeCartItemConfiguration(request.caller, cartId, itemId, configurationId)
    return reply.code(204).send(null)
  })

  app.get('/carts/:cartId/summary', { schema: { operationId: 'getCartSummary', tags: ['carts'], summary: 'Lines and totals', params: cartParams, response: { 200: OrderPreviewSchema } } }, async function (request) {
    return cartSummary(request.caller, request.params.cartId)
  })

  app.get('/carts/:cartId/checkout', {
    schema: { operationId: 'previewCheckout', tags: ['carts'], summary: 'Dry run: what the checkout would order, with the contracts; orders nothing. Like the checkout, it needs every item\'s required configuration first (GET .../required-configuration)', params: cartParams, response: { 200: OrderPreviewSchema } }
  }, async function (request) {
    return checkoutPreview(request.caller, request.params.cartId)
  })

  app.post('/carts/:cartId/checkout', {
    schema: {
      operationId: 'checkoutCart',
      tags: ['carts'],
      summary: 'Checks the cart out, once per Idempotency-Key (a retry replays the first result; another request with the key is 409)',
      params: cartParams,
      headers: IdempotencyKeyHeader,
      body: optionalBody(z.object({ autoPayWithPreferredPaymentMethod: z.boolean().default(false), waiveRetractationPeriod: z.boolean().default(true), allowDuplicate: AllowDuplicateSchema }), 'no automatic payment, the retraction period waived'),
      response: { 200: CheckoutSchema, 201: CheckoutSchema }
    }
  }, async function (request, reply) {
    const result = await checkoutCart(request.caller, request.params.cartId, { ...request.body, idempotencyKey: request.headers['idempotency-key'] })
    reply.header('idempotent-replayed', String(result.replayed))
    return reply.code(result.replayed ? 200 : 201).send(result)
  })
}

export default cartRoutes
