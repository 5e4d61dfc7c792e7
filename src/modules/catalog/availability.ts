// Availability and price of up to 50 names at once. OVH answers one name per call
// (GET /order/cart/{cartId}/domain?domain=), so a search costs: the extensions list (once an hour
// per endpoint and subsidiary), a cart (once a day per user), and one call per distinct sellable
// name, made at most OFFER_CONCURRENCY at a time. The whole cost is taken from the consumer key's
// budget before the first call: a search fits whole or is refused with RATE_LIMITED.
import { badUserInput, isGatewayError } from '../../errors.js'
import { OvhApiError } from '../../ovh/index.js'
import { createLimiter } from '../../ovh/concurrency.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeError } from '../../error-mapping.js'
import { echo, normalizeDomainName } from '../shared/domain-name.js'
import { pricer } from './pricing.js'
import type { Pricer } from './pricing.js'
import { extensionList, tldOf } from './reference.js'
import type { Availability, ProductInformation } from './schemas.js'
import { forgetSearchCart, newSearchCart, storedSearchCart } from './search-cart.js'

export const MAX_NAMES = 50
export const OFFER_CONCURRENCY = 5

type Parsed = { input: string, domain: string, tld: string } | { input: string, domain: string, error: { code: string, message: string } }

function invalid (input: string, domain: string, code: string, message: string): Availability {
  const none = { tld: null, action: null, pricingMode: null, currency: null, createPrice: null, transferPrice: null, renewPrice: null }
  return { input, domain, ...none, status: 'INVALID', orderable: false, transferable: false, durations: [], claimNoticeRequired: false, error: { code, message } }
}

function parse (inputs: string[], extensions: readonly string[]): Parsed[] {
  return inputs.map((input, index) => {
    let domain: string
    try {
      domain = normalizeDomainName(input, `domains.${index}`)
    } catch {
      // However long the name, its answer echoes at most a valid name's length of it.
      const shown = echo(input)
      return { input: shown, domain: shown, error: { code: 'INVALID_NAME', message: `"${shown}" is not a valid domain name` } }
    }
    const tld = tldOf(domain, extensions)
    if (tld === null) return { input, domain, error: { code: 'UNKNOWN_TLD', message: `.${domain.slice(domain.indexOf('.') + 1)} is not an extension OVH sells` } }
    if (domain.slice(0, -(tld.length + 1)).includes('.')) {
      return { input, domain, error: { code: 'INVALID_NAME', message: `${domain} is a subdomain: only names directly under .${tld} can be registered` } }
    }
    return { input, domain, tld }
  })
}

export function toAvailability (input: string, domain: string, tld: string, offer: ProductInformation, prices: Pricer): Availability {
  const price = offer.prices?.find(p => p.label === 'PRICE')?.price
  const renew = offer.prices?.find(p => p.label === 'RENEW')?.price
  const transfer = offer.action === 'transfer' || offer.pricingMode.startsWith('transfer')
  const status = transfer ? 'REGISTERED' : !offer.orderable ? 'NOT_SELLABLE' : offer.pricingMode.includes('premium') ? 'PREMIUM' : 'AVAILABLE'
  const resale = (p: typeof price) => p === undefined ? null : prices.resale(tld, p)
  return {
    input,
    domain,
    tld,
    status,
    action: transfer ? 'transfer' : 'create',
    orderable: offer.orderable,
    transferable: transfer && offer.orderable,
    pricingMode: offer.pricingMode,
    currency: price?.currencyCode ?? null,
    createPrice: transfer ? null : resale(price),
    transferPrice: transfer ? resale(price) : null,
    renewPrice: resale(renew),
    durations: offer.orderable ? offer.duration.map(period => Number(/^P(\d+)Y$/.exec(period)?.[1] ?? 0)).filter(years => years > 0) : [],
    // OVH asks for the acknowledged trademark claim notice of such a name (storefront.ts).
    claimNoticeRequired: offer.configurations.some(requirement => requirement.label === 'CLAIMS_NOTICE' && requirement.required),
    error: null
  }
}

/** Offers for `domains` through the user's search cart, re-created once if OVH lost it. */
async function fetchOffers (caller: Caller, domains: string[], cartId: string): Promise<Map<string, ProductInformation | Error>> {
  const client = await caller.ovh()
  let cart = Promise.resolve(cartId)
  let replaced = false
  const replace = (lost: string): Promise<string> => {
    if (!replaced) {
      replaced = true
      cart = forgetSearchCart(caller, lost).then(() => newSearchCart(caller))
    }
    return cart
  }
  const ask = async (domain: string, id: string): Promise<ProductInformation> => {
    const offers = await client.get<ProductInformation[]>('/order/cart/{cartId}/domain', { params: { cartId: id }, query: { domain } })
    if (offers.length === 0) throw new OvhApiError({ status: 400, message: `OVH offers nothing for ${domain}`, method: 'GET', route: '/order/cart/{cartId}/domain' })
    return offers[0]
  }
  const limit = createLimiter(OFFER_CONCURRENCY)
  const results = new Map<string, ProductInformation | Error>()
  await Promise.all(domains.map(domain => limit(async () => {
    const id = await cart
    try {
      results.set(domain, await ask(domain, id))
    } catch (err) {
      // An expired cart is gone on OVH's side (404): one new cart serves the rest of the search.
      if (err instanceof OvhApiError && err.status === 404) {
        try {
          results.set(domain, await ask(domain, await replace(id)))
        } catch (again) {
          results.set(domain, again as Error)
        }
      } else {
        results.set(domain, err as Error)
      }
    }
  })))
  return results
}

/**
 * One name's offer as OVH gives it (with the configuration it requires) and its availability, for
 * an order about to be placed. Throws what a search would report on the name.
 */
export async function offerFor (caller: Caller, name: string): Promise<{ availability: Availability, offer: ProductInformation | null }> {
  caller.require('read')
  const [item] = parse([name], await extensionList(caller))
  if (!('tld' in item)) return { availability: invalid(item.input, item.domain, item.error.code, item.error.message), offer: null }
  const stored = await storedSearchCart(caller)
  const offers = await fetchOffers(caller, [item.domain], stored ?? await newSearchCart(caller))
  const offer = offers.get(item.domain)
  if (offer === undefined || offer instanceof Error) throw offer ?? new Error('no answer')
  return { availability: toAvailability(item.input, item.domain, item.tld, offer, await pricer(caller)), offer }
}

export async function checkAvailability (caller: Caller, inputs: string[]): Promise<Availability[]> {
  caller.require('read')
  if (inputs.length === 0) throw badUserInput('give at least one domain name', [{ field: 'domains', message: 'must not be empty' }])
  if (inputs.length > MAX_NAMES) throw badUserInput(`at most ${MAX_NAMES} names per search`, [{ field: 'domains', message: `has ${inputs.length} names; the limit is ${MAX_NAMES}` }])

  const parsed = parse(inputs, await extensionList(caller))
  const domains = [...new Set(parsed.flatMap(item => 'tld' in item ? [item.domain] : []))]
  let offers = new Map<string, ProductInformation | Error>()
  if (domains.length > 0) {
    const stored = await storedSearchCart(caller)
    await caller.reserveUpstream(domains.length + (stored === null ? 1 : 0))
    offers = await fetchOffers(caller, domains, stored ?? await newSearchCart(caller))
  }
  const failures = [...offers.values()].filter((value): value is Error => value instanceof Error)
  // When OVH failed every name for the same reason (429, outage, key expired), that is the answer.
  if (failures.length > 0 && failures.length === offers.size) {
    const nonInput = failures.find(err => !(err instanceof OvhApiError && err.status === 400))
    if (nonInput !== undefined) throw nonInput
  }

  const prices = await pricer(caller)
  return parsed.map(item => {
    if (!('tld' in item)) return invalid(item.input, item.domain, item.error.code, item.error.message)
    const offer = offers.get(item.domain)
    if (offer === undefined || offer instanceof Error) {
      const err = offer ?? new Error('no answer')
      const coded = isGatewayError(err) ? err : normalizeError(err)
      return invalid(item.input, item.domain, coded.code, coded.message)
    }
    return toAvailability(item.input, item.domain, item.tld, offer, prices)
  })
}
