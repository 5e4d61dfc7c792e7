// What a storefront shows around its search box: the TLDs by category and the highlighted ones
// (OVH's /domain/extensions/byCategory, /highlighted and /pricingAttributes, read once an hour per
// endpoint and subsidiary like the TLD list), and the trademark claim notice of a name in its
// TLD's claims period (/domain/data/claimNotice), which the registrant must see and acknowledge
// before ordering it (orderDomain checks the acknowledgement). @see docs/storefront.md
import { OvhApiError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { REFERENCE_TTL_MS } from './reference.js'
import type { ClaimNotice, ExtensionCategories, HighlightedExtension } from './storefront-schemas.js'

export const CATEGORY_TYPES = ['thematic', 'geolocalization'] as const
export type CategoryType = typeof CATEGORY_TYPES[number]

function shared<T> (caller: Caller, what: string, read: () => Promise<T>): Promise<T> {
  return caller.shared.get(`${caller.tenant.ovhEndpoint}|${caller.tenant.ovhSubsidiary}|${what}`, REFERENCE_TTL_MS, read)
}

interface OvhCategory { name: string, extensions: string[] }

/** TLDs grouped by theme ('business') and by place ('europe'); both types unless `types` says. */
export async function extensionCategories (caller: Caller, types?: readonly CategoryType[] | null): Promise<ExtensionCategories> {
  caller.require('read')
  // One read of both types serves every request: the filter is applied here.
  const all = await shared(caller, 'categories', async () => {
    const client = await caller.ovh()
    return await client.get<{ thematic: OvhCategory[] | null, geolocalization: OvhCategory[] | null }>('/domain/extensions/byCategory')
  })
  const wanted = new Set(types === undefined || types === null || types.length === 0 ? CATEGORY_TYPES : types)
  const pick = (type: CategoryType) => wanted.has(type)
    ? (all[type] ?? []).map(category => ({ name: category.name, tlds: [...category.extensions].map(tld => tld.toLowerCase()).sort() }))
    : []
  return { thematic: pick('thematic'), geolocalization: pick('geolocalization') }
}

/** The TLDs OVH puts forward for the tenant's subsidiary, in OVH's order, with its price flags. */
export async function highlightedExtensions (caller: Caller): Promise<HighlightedExtension[]> {
  caller.require('read')
  const query = { ovhSubsidiary: caller.tenant.ovhSubsidiary }
  const [highlighted, attributes] = await Promise.all([
    shared(caller, 'highlighted', async () => (await caller.ovh()).get<string[]>('/domain/extensions/highlighted', { query })),
    shared(caller, 'pricingAttributes', async () => (await caller.ovh()).get<Array<{ name: string, brandNew: boolean, priceDrop: boolean }>>('/domain/extensions/pricingAttributes', { query }))
  ])
  const flags = new Map(attributes.map(attribute => [attribute.name.toLowerCase(), attribute]))
  return highlighted.map(name => name.toLowerCase()).map(tld => ({ tld, brandNew: flags.get(tld)?.brandNew ?? false, priceDrop: flags.get(tld)?.priceDrop ?? false }))
}

/**
 * The trademark claim notice of a name, or null when it has none (OVH answers 404). One call (an
 * unsigned one at OVH), shared by the request's readers of the same name.
 */
export function claimNotice (caller: Caller, name: string, field = 'domain'): Promise<ClaimNotice | null> {
  caller.require('read')
  const domain = normalizeDomainName(name, field)
  return caller.memo(`claimNotice:${domain}`, async () => {
    try {
      return await (await caller.ovh()).get<ClaimNotice>('/domain/data/claimNotice', { query: { domain } })
    } catch (err) {
      if (err instanceof OvhApiError && err.status === 404) return null
      throw err
    }
  })
}
