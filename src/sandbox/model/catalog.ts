// The extensions the sandbox sells, their registry configuration and their prices (in euro cents
// without tax), and the currency and tax rate of each OVH subsidiary. Documented in docs/ordering.md
// ("Availability and prices"): storefronts build against these values.
import { serviceNotFound } from '../errors.js'

export interface ExtensionSpec {
  tld: string
  // Prices without tax, euro cents, for one year (a trade is a one-off price).
  createCents: number
  renewCents: number
  transferCents: number
  tradeCents: number
  // Create and renew periods the registry allows, in months.
  periods: number[]
  dnssec: boolean
  idn: boolean
  premium: boolean
  // The registry has its own conditions to accept (ACCEPT_CONDITIONS on the cart item).
  conditions: boolean
  // Labels at least / at most this long (without the TLD).
  minLength: number
  maxLength: number
  // For GET /domain/extensions filters.
  thematics: string[]
  geolocalizations: string[]
  // Rank in orderBy=trending (1 = most popular).
  trending: number
}

const YEARS = [12, 24, 36, 48, 60, 72, 84, 96, 108, 120]

function spec (tld: string, createCents: number, renewCents: number, options: Partial<ExtensionSpec> = {}): ExtensionSpec {
  return {
    tld,
    createCents,
    renewCents,
    transferCents: options.transferCents ?? renewCents,
    tradeCents: options.tradeCents ?? 0,
    periods: options.periods ?? YEARS,
    dnssec: options.dnssec ?? true,
    idn: options.idn ?? true,
    premium: options.premium ?? false,
    conditions: options.conditions ?? false,
    minLength: options.minLength ?? 1,
    maxLength: options.maxLength ?? 63,
    thematics: options.thematics ?? [],
    geolocalizations: options.geolocalizations ?? [],
    trending: options.trending ?? 99
  }
}

// Everything else is an unknown extension: not sold, answered as such.
export const EXTENSIONS: readonly ExtensionSpec[] = [
  spec('com', 999, 1199, { premium: true, transferCents: 999, trending: 1, thematics: ['business'] }),
  spec('net', 1249, 1449, { premium: true, trending: 3, thematics: ['technology'] }),
  spec('org', 1149, 1399, { trending: 4, thematics: ['community'] }),
  spec('info', 299, 1999, { transferCents: 1599, trending: 8 }),
  spec('biz', 1299, 1699, { trending: 12, thematics: ['business'] }),
  spec('fr', 699, 799, { transferCents: 699, tradeCents: 0, trending: 2, geolocalizations: ['europe', 'france'], minLength: 2 }),
  spec('eu', 599, 799, { transferCents: 599, trending: 6, geolocalizations: ['europe'], minLength: 2 }),
  spec('de', 599, 699, { transferCents: 0, periods: [12], trending: 5, geolocalizations: ['europe', 'germany'] }),
  spec('be', 599, 699, { transferCents: 599, geolocalizations: ['europe', 'belgium'], trending: 10 }),
  spec('co.uk', 649, 749, { transferCents: 0, dnssec: false, idn: false, tradeCents: 0, geolocalizations: ['europe', 'united-kingdom'], trending: 7 }),
  spec('berlin', 3999, 3999, { dnssec: false, premium: true, conditions: true, tradeCents: 1999, geolocalizations: ['europe', 'germany', 'city'], trending: 14 }),
  spec('paris', 3499, 3499, { conditions: true, tradeCents: 1499, geolocalizations: ['europe', 'france', 'city'], trending: 15 }),
  spec('io', 3999, 4599, { idn: false, premium: true, periods: [12, 24, 36, 48, 60], thematics: ['technology'], trending: 9 }),
  spec('shop', 199, 3499, { premium: true, thematics: ['business', 'shopping'], trending: 11 }),
  spec('online', 299, 3299, { premium: true, thematics: ['technology'], trending: 13 }),
  // A new TLD in its trademark claims period (model/claims.ts).
  spec('store', 499, 4999, { thematics: ['business', 'shopping'], trending: 16 })
]

// GET /domain/extensions/highlighted, and the flags of GET /domain/extensions/pricingAttributes.
export const HIGHLIGHTED = ['com', 'fr', 'shop', 'store']
export const BRAND_NEW = ['store']
export const PRICE_DROP = ['shop']

const BY_TLD = new Map(EXTENSIONS.map(extension => [extension.tld, extension]))

export function findExtension (tld: string): ExtensionSpec | undefined {
  return BY_TLD.get(tld.toLowerCase())
}

export function extensionOrNotFound (tld: string): ExtensionSpec {
  const extension = findExtension(tld)
  if (extension === undefined) throw serviceNotFound()
  return extension
}

// The longest known suffix of a name: 'shop.co.uk' -> 'co.uk'; undefined for an unknown TLD.
export function extensionOfDomain (domain: string): ExtensionSpec | undefined {
  const labels = domain.toLowerCase().split('.')
  for (let i = 1; i < labels.length; i++) {
    const extension = BY_TLD.get(labels.slice(i).join('.'))
    if (extension !== undefined) return extension
  }
  return undefined
}

// Currency and VAT rate of each subsidiary (nichandle.OvhSubsidiaryEnum, EU API).
const SUBSIDIARIES: Record<string, { currency: string, taxRate: number }> = {
  CZ: { currency: 'CZK', taxRate: 21 },
  DE: { currency: 'EUR', taxRate: 19 },
  ES: { currency: 'EUR', taxRate: 21 },
  EU: { currency: 'EUR', taxRate: 20 },
  FI: { currency: 'EUR', taxRate: 24 },
  FR: { currency: 'EUR', taxRate: 20 },
  GB: { currency: 'GBP', taxRate: 20 },
  IE: { currency: 'EUR', taxRate: 23 },
  IT: { currency: 'EUR', taxRate: 22 },
  LT: { currency: 'EUR', taxRate: 21 },
  MA: { currency: 'MAD', taxRate: 20 },
  NL: { currency: 'EUR', taxRate: 21 },
  PL: { currency: 'PLN', taxRate: 23 },
  PT: { currency: 'EUR', taxRate: 23 },
  SN: { currency: 'XOF', taxRate: 18 },
  TN: { currency: 'TND', taxRate: 19 }
}

export function subsidiaryOf (code: string): { currency: string, taxRate: number } {
  return SUBSIDIARIES[code] ?? SUBSIDIARIES.FR
}

// Fixed rates, so prices in other currencies are deterministic too.
const EURO_RATES: Record<string, number> = { EUR: 1, GBP: 0.86, CZK: 25, PLN: 4.3, MAD: 11, TND: 3.4, XOF: 656 }

export function convertCents (euroCents: number, currency: string): number {
  return Math.round(euroCents * (EURO_RATES[currency] ?? 1))
}

const SYMBOLS: Record<string, string> = { EUR: '€', GBP: '£', CZK: 'Kč', PLN: 'zł', MAD: 'MAD', TND: 'TND', XOF: 'FCFA' }

// order.Price: value, the same as text, and in micro-cents (OVH's priceInUcents: 1 = 10^-8).
export function toPrice (cents: number, currency: string) {
  const value = cents / 100
  return {
    currencyCode: currency,
    priceInUcents: cents * 1_000_000,
    text: `${value.toFixed(2)} ${SYMBOLS[currency] ?? currency}`,
    value
  }
}

export function addTax (cents: number, taxRate: number): number {
  return Math.round(cents * (100 + taxRate) / 100)
}

// 'P1Y' -> 1, 'P0Y' -> 0, anything else -> null.
export function yearsOf (duration: string): number | null {
  const match = /^P(\d{1,2})Y$/.exec(duration)
  return match === null ? null : Number(match[1])
}
