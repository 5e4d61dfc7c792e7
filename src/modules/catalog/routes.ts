// REST: POST /v1/availability, extensions, the price list and price rules, over the same service
// as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { AvailabilitySchema, PriceRuleInputSchema, PriceRuleSchema, ResalePriceSchema, TldListSchema, TldParamSchema } from './schemas.js'
import { objectCheckedInService } from '../shared/checked-in-service.js'
import { checkAvailability, deletePriceRule, getExtension, getRegistryConfigurations, listExtensions, listPriceRules, priceList, setPriceRule } from './service.js'
import { MAX_NAMES } from './availability.js'
import { claimNotice, extensionCategories, highlightedExtensions } from './storefront.js'
import type { CategoryType } from './storefront.js'
import { DomainNameSchema } from '../shared/domain-name.js'
import { ClaimNoticeSchema, ExtensionCategoriesSchema, HighlightedExtensionSchema } from './storefront-schemas.js'

const Periods = z.object({ allowedPeriodsInMonths: z.array(z.number()).nullable().optional(), gracePeriodInDays: z.number().nullable().optional() })
const RegistryConfigurationsSchema = z.object({
  dns: z.object({ isDNSSECSupported: z.boolean(), maxNumber: z.number().nullable(), minNumber: z.number().nullable() }),
  domain: z.object({ isPremiumSupported: z.boolean(), label: z.object({ isIDNSupported: z.boolean(), maxLength: z.number().nullable(), minLength: z.number().nullable() }) }),
  lifecycle: z.object({ create: Periods, renew: Periods, transfer: Periods, restore: Periods, order: z.object({ active: z.boolean(), maxMonths: z.number().nullable(), minMonths: z.number().nullable() }) })
})
const TldPricesSchema = z.object({
  tld: z.string(),
  currency: z.string(),
  createPrice: ResalePriceSchema.nullable(),
  renewPrice: ResalePriceSchema.nullable(),
  transferPrice: ResalePriceSchema.nullable()
})
// '*' is awkward in a URL: 'default' names the default rule too (the service maps it).
const ruleTld = z.union([z.literal('*'), TldParamSchema.max(100)])

// 50 names of up to about 1 KB each: far more than a domain name (253 characters) can be.
const AVAILABILITY_BODY_LIMIT = 64 * 1024

const catalogRoutes: FastifyPluginAsyncZod = async function (app) {
  app.post('/availability', {
    // Each name, however long, gets its own answer (INVALID_NAME for one no registry takes), as over
    // GraphQL: the request is bounded by the number of names and by the body's size, not per name.
    bodyLimit: AVAILABILITY_BODY_LIMIT,
    schema: {
      operationId: 'checkAvailability',
      tags: ['availability'],
      summary: `Availability and price of up to ${MAX_NAMES} names; each name has its own answer or error`,
      body: z.object({ domains: z.array(z.string()).min(1).max(MAX_NAMES) }),
      response: { 200: z.object({ items: z.array(AvailabilitySchema) }) }
    }
  }, async function (request) {
    return { items: await checkAvailability(request.caller, request.body.domains) }
  })

  app.get('/extensions', {
    schema: { operationId: 'listExtensions', tags: ['availability'], summary: 'The TLDs the tenant can sell', response: { 200: z.object({ items: z.array(z.object({ tld: z.string() })) }) } }
  }, async function (request) {
    return { items: await listExtensions(request.caller) }
  })

  // Static paths: matched before /extensions/:tld.
  app.get('/extensions/categories', {
    schema: {
      operationId: 'listExtensionCategories',
      tags: ['availability'],
      summary: 'The TLDs on sale grouped by theme and by place',
      querystring: z.object({ types: z.string().regex(/^(thematic|geolocalization)(,(thematic|geolocalization))*$/).optional().describe('thematic, geolocalization or both, comma-separated; both by default') }),
      response: { 200: ExtensionCategoriesSchema }
    }
  }, async function (request) {
    return extensionCategories(request.caller, request.query.types?.split(',') as CategoryType[] | undefined)
  })

  app.get('/extensions/highlighted', {
    schema: { operationId: 'listHighlightedExtensions', tags: ['availability'], summary: 'The TLDs OVH puts forward, with their price flags', response: { 200: z.object({ items: z.array(HighlightedExtensionSchema) }) } }
  }, async function (request) {
    return { items: await highlightedExtensions(request.caller) }
  })

  app.get('/claim-notices/:domain', {
    schema: {
      operationId: 'getClaimNotice',
      tags: ['availability'],
      summary: 'The trademark claim notice of a name in its TLD\'s claims period (404 when it has none)',
      params: z.object({ domain: DomainNameSchema }),
      response: { 200: ClaimNoticeSchema }
    }
  }, async function (request) {
    const notice = await claimNotice(request.caller, request.params.domain)
    if (notice === null) throw notFound(`claim notice of ${request.params.domain}`)
    return notice
  })

  app.get('/extensions/:tld', {
    schema: {
      operationId: 'getExtension',
      tags: ['availability'],
      summary: 'One TLD with its registry configuration (periods, IDN, DNSSEC)',
      params: z.object({ tld: TldParamSchema.max(100) }),
      response: { 200: z.object({ tld: z.string(), registryConfigurations: RegistryConfigurationsSchema }) }
    }
  }, async function (request) {
    const caller = request.caller
    const extension = await getExtension(caller, request.params.tld)
    if (!extension) throw notFound(`extension ${request.params.tld}`)
    return { tld: extension.tld, registryConfigurations: await getRegistryConfigurations(caller, extension.tld) }
  })

  app.get('/prices', {
    schema: {
      operationId: 'listPrices',
      tags: ['availability'],
      summary: 'One year\'s create, renew and transfer prices per TLD, as resale prices',
      querystring: z.object({ tlds: TldListSchema.optional().describe('Comma-separated TLDs; all by default') }),
      response: { 200: z.object({ items: z.array(TldPricesSchema) }) }
    }
  }, async function (request) {
    const tlds = request.query.tlds?.split(',').map(tld => tld.trim()).filter(Boolean)
    return { items: await priceList(request.caller, tlds) }
  })

  app.get('/price-rules', {
    schema: { operationId: 'listPriceRules', tags: ['price rules'], summary: 'The tenant\'s resale price rules (operators and admins)', response: { 200: z.object({ items: z.array(PriceRuleSchema) }) } }
  }, async function (request) {
    return { items: await listPriceRules(request.caller) }
  })

  app.put('/price-rules/:tld', {
    schema: {
      operationId: 'setPriceRule',
      tags: ['price rules'],
      summary: 'Sets the rule of a TLD, or the default rule (tld "default" or "*"); admins only',
      params: z.object({ tld: ruleTld }),
      // Checked by the service (field paths as in GraphQL), documented from the same schema.
      body: objectCheckedInService(PriceRuleInputSchema),
      response: { 200: PriceRuleSchema }
    }
  }, async function (request) {
    return setPriceRule(request.caller, request.params.tld, request.body)
  })

  app.delete('/price-rules/:tld', {
    schema: { operationId: 'deletePriceRule', tags: ['price rules'], summary: 'Removes a price rule; admins only', params: z.object({ tld: ruleTld }), response: { 204: z.null().describe('Removed (no body)') } }
  }, async function (request, reply) {
    await deletePriceRule(request.caller, request.params.tld)
    return reply.code(204).send(null)
  })
}

export default catalogRoutes
