// REST: a domain's options in the cart (/v1/carts/{cartId}/domain-options), over the service
// GraphQL uses (./cart-domain-options.ts).
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { ResalePriceSchema } from '../catalog/schemas.js'
import { DomainNameSchema } from '../shared/domain-name.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { configurationsOf } from './cart-reads.js'
import { addCartDomainOption, cartDomainOptions } from './cart-domain-options.js'
import { PlanCodeSchema, PricingModeSchema } from './input-formats.js'
import { CartItemSchema } from './schemas.js'

const cartParams = z.object({ cartId: z.string().min(1).max(100) })
const OptionSchema = z.object({
  domain: z.string(),
  planCode: z.string(),
  productName: z.string(),
  family: z.string(),
  exclusive: z.boolean(),
  mandatory: z.boolean(),
  pricings: z.array(z.object({
    duration: z.string(),
    years: z.number().nullable(),
    pricingMode: z.string(),
    pricingType: z.string(),
    capacities: z.array(z.string()),
    description: z.string(),
    price: ResalePriceSchema
  }))
})

const cartDomainOptionRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/carts/:cartId/domain-options', {
    schema: {
      operationId: 'listCartDomainOptions',
      tags: ['carts'],
      summary: 'The options a domain of the cart can be ordered with (DNS Anycast...), at resale prices',
      params: cartParams,
      querystring: z.object({ domain: DomainNameSchema.describe('A domain the cart registers or transfers in') }),
      response: { 200: z.object({ items: z.array(OptionSchema).describe('The options; none for a name the cart does not order') }) }
    }
  }, async function (request) {
    return { items: await cartDomainOptions(request.caller, request.params.cartId, request.query.domain) }
  })

  app.post('/carts/:cartId/domain-options', {
    schema: {
      operationId: 'addCartDomainOption',
      tags: ['carts'],
      summary: 'Adds an option to a domain item of the cart: an item of its own, ordered with the domain',
      params: cartParams,
      // Checked by the service (BAD_USER_INPUT on body.*), documented from the same schemas.
      body: z.object({
        itemId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('The domain\'s item in the cart'),
        planCode: checkedInService(z.string(), PlanCodeSchema.describe('The option\'s plan code, as listed (dns-anycast...)')),
        duration: z.number().int().min(1).max(10).optional().describe('Years, one of the durations listed for the option; 1 by default'),
        pricingMode: checkedInService(z.string(), PricingModeSchema.describe('The pricing mode listed for the option; default when left out')).optional()
      }).strict(),
      response: { 201: CartItemSchema }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const { configurationIds, ...item } = await addCartDomainOption(caller, request.params.cartId, request.body, 'body')
    return reply.code(201).send({ ...item, configurations: await configurationsOf(caller, { ...item, configurationIds }) })
  })
}

export default cartDomainOptionRoutes
