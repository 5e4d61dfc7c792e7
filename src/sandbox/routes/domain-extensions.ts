// The extensions on sale and their registry configuration (/domain/extensions*), and the public
// domain catalogue with its prices (/order/catalog/public/domain), its categories and highlights, and
// the trademark claim notices of names in a claims period. @see docs/OVH-API.md 5.3
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { BRAND_NEW, EXTENSIONS, HIGHLIGHTED, PRICE_DROP, convertCents, extensionOrNotFound, subsidiaryOf } from '../model/catalog.js'
import { claimNoticeOf } from '../model/claims.js'
import type { ExtensionSpec } from '../model/catalog.js'

function registryConfigurations (extension: ExtensionSpec) {
  return {
    dns: { isDNSSECSupported: extension.dnssec, maxNumber: 13, minNumber: extension.tld === 'de' ? 2 : 1 },
    domain: {
      isPremiumSupported: extension.premium,
      label: { isIDNSupported: extension.idn, maxLength: extension.maxLength, minLength: extension.minLength }
    },
    lifecycle: {
      create: { allowedPeriodsInMonths: extension.periods },
      order: { active: true, maxMonths: Math.max(...extension.periods), minMonths: Math.min(...extension.periods) },
      renew: { allowedPeriodsInMonths: extension.periods, gracePeriodInDays: 40 },
      restore: { gracePeriodInDays: 30 },
      transfer: { allowedPeriodsInMonths: [12] }
    }
  }
}

// order.catalog.public.Pricing, prices in micro-cents as the catalogue gives them.
function pricing (mode: string, capacity: 'installation' | 'renew', cents: number, taxRate: number, description: string) {
  return {
    capacities: [capacity],
    commitment: 0,
    description,
    engagementConfiguration: null,
    interval: 12,
    intervalUnit: 'month',
    mode,
    mustBeCompleted: false,
    phase: 1,
    price: cents * 1_000_000,
    promotions: null,
    quantity: { max: 1, min: 1 },
    repeat: { max: 10, min: 1 },
    strategy: 'tiered',
    tax: Math.round(cents * taxRate / 100) * 1_000_000,
    type: 'purchase'
  }
}

function plan (extension: ExtensionSpec, currency: string, taxRate: number) {
  const price = (euroCents: number) => convertCents(euroCents, currency)
  return {
    addonFamilies: [],
    blobs: null,
    configurations: [],
    consumptionConfiguration: null,
    family: 'domain',
    invoiceName: `.${extension.tld} domain name`,
    planCode: extension.tld,
    pricingType: 'purchase',
    pricings: [
      pricing('create-default', 'installation', price(extension.createCents), taxRate, 'Registration (one year)'),
      pricing('create-default', 'renew', price(extension.renewCents), taxRate, 'Renewal (one year)'),
      pricing('transfer-default', 'installation', price(extension.transferCents), taxRate, 'Incoming transfer (adds one year)')
    ],
    product: `domain-${extension.tld.replace('.', '-')}`
  }
}

// domain.extensions.CategoryNameWithExtensions[] of one category type, names sorted.
function categories (names: (extension: ExtensionSpec) => string[]) {
  const byName = new Map<string, string[]>()
  for (const extension of EXTENSIONS) {
    for (const name of names(extension)) byName.set(name, [...(byName.get(name) ?? []), extension.tld])
  }
  return [...byName.keys()].sort().map(name => ({ extensions: byName.get(name)!.sort(), name }))
}

export const domainExtensionsArea: SandboxArea = {
  name: 'domain-extensions',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain/extensions',
      handler ({ query }) {
        const thematic = query.thematics as string | undefined
        const place = query.geolocalizations as string | undefined
        const list = EXTENSIONS.filter(extension => (thematic === undefined || extension.thematics.includes(thematic)) &&
          (place === undefined || extension.geolocalizations.includes(place)))
        const sorted = query.orderBy === 'trending'
          ? [...list].sort((a, b) => a.trending - b.trending)
          : [...list].sort((a, b) => a.tld.localeCompare(b.tld))
        return sorted.map(extension => extension.tld)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/extensions/byCategory',
      handler ({ query }) {
        const types = (query.categoryType as string[] | undefined) ?? ['geolocalization', 'thematic']
        return {
          geolocalization: types.includes('geolocalization') ? categories(extension => extension.geolocalizations) : null,
          thematic: types.includes('thematic') ? categories(extension => extension.thematics) : null
        }
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/extensions/highlighted',
      handler: () => HIGHLIGHTED
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/extensions/pricingAttributes',
      handler: () => EXTENSIONS.map(extension => ({ brandNew: BRAND_NEW.includes(extension.tld), name: extension.tld, priceDrop: PRICE_DROP.includes(extension.tld) }))
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/data/claimNotice',
      handler: ({ query }) => claimNoticeOf(String(query.domain))
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/extensions/{name}',
      handler: ({ params }) => ({ name: extensionOrNotFound(String(params.name)).tld })
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/extensions/{name}/registryConfigurations',
      handler: ({ params }) => registryConfigurations(extensionOrNotFound(String(params.name)))
    }),

    defineRoute({
      method: 'GET',
      path: '/order/catalog/public/domain',
      handler ({ query }) {
        const subsidiary = String(query.ovhSubsidiary)
        const { currency, taxRate } = subsidiaryOf(subsidiary)
        return {
          addons: [],
          catalogId: 4242,
          locale: { currencyCode: currency, subsidiary, taxRate },
          planFamilies: [{ name: 'domain' }],
          plans: EXTENSIONS.map(extension => plan(extension, currency, taxRate)),
          products: EXTENSIONS.map(extension => ({
            blobs: null,
            configurations: null,
            description: `.${extension.tld} domain name`,
            name: `domain-${extension.tld.replace('.', '-')}`
          }))
        }
      }
    })
  ]
}
