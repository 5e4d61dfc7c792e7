// Deterministic availability, documented in docs/ordering.md ("Availability and prices") so storefront
// developers can reach every case on purpose:
// - the extension must be one the sandbox sells (model/catalog.ts), else the name is refused;
// - a name held by a sandbox account, a label starting with `taken-`, or a famous label
//   (FAMOUS below) is registered: offered as an incoming transfer (transfer-default);
// - a label starting with `reserved-`, an IDN on an extension without IDN, or a label shorter than
//   the registry allows is not sellable (orderable: false);
// - on extensions with premium names, a label starting with `premium-` or of 1 to 3 characters is
//   premium (create-premium, 25 times the standard create price);
// - anything else is available at the standard price (create-default).
import { badRequest } from '../errors.js'
import type { AccountState, SandboxState } from '../state/types.js'
import { extensionOfDomain } from './catalog.js'
import type { ExtensionSpec } from './catalog.js'

export const FAMOUS = ['example', 'google', 'ovh', 'ovhcloud', 'wikipedia', 'amazon', 'github', 'facebook']

export const PREMIUM_FACTOR = 25

export type OfferKind = 'available' | 'premium' | 'registered' | 'reserved'

export interface Offer {
  domain: string
  label: string
  extension: ExtensionSpec
  kind: OfferKind
  action: 'create' | 'transfer'
  pricingMode: 'create-default' | 'create-premium' | 'transfer-default'
  orderable: boolean
  // Euro cents without tax, for one year.
  priceCents: number
  renewCents: number
  // NIC of the sandbox account holding it, 'external' for a name taken outside the sandbox.
  holder: string | null
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

// OVH refuses a malformed name or an extension it does not sell with a Client::BadRequest.
export function checkedName (input: string): { domain: string, label: string, extension: ExtensionSpec } {
  const domain = input.trim().toLowerCase().replace(/\.$/, '')
  const extension = extensionOfDomain(domain)
  const labels = domain.split('.')
  if (labels.length < 2 || !labels.every(label => LABEL.test(label))) throw badRequest(`Invalid domain name: ${input}`)
  if (extension === undefined) throw badRequest(`The extension of ${domain} is not available for sale`)
  const rest = domain.slice(0, -(extension.tld.length + 1))
  if (rest.includes('.')) throw badRequest(`Only registrable names can be ordered, not subdomains: ${domain}`)
  return { domain, label: rest, extension }
}

export function holderOf (state: SandboxState, domain: string): string | null {
  for (const account of Object.values(state.accounts)) {
    const held = account.domains[domain]
    if (held !== undefined && held.state !== 'deleted') return account.nic
  }
  return null
}

export function offerFor (state: SandboxState, account: AccountState | null, input: string): Offer {
  const { domain, label, extension } = checkedName(input)
  const base = { domain, label, extension, renewCents: extension.renewCents }
  const holder = holderOf(state, domain) ?? (label.startsWith('taken-') || FAMOUS.includes(label) ? 'external' : null)
  if (holder !== null) {
    // Transferring a name to the account that already holds it is not possible.
    return { ...base, kind: 'registered', action: 'transfer', pricingMode: 'transfer-default', orderable: holder !== account?.nic, priceCents: extension.transferCents, holder }
  }
  const notSellable = label.startsWith('reserved-') || (label.startsWith('xn--') && !extension.idn) || label.length < extension.minLength || label.length > extension.maxLength
  if (notSellable) {
    return { ...base, kind: 'reserved', action: 'create', pricingMode: 'create-default', orderable: false, priceCents: extension.createCents, holder: null }
  }
  if (extension.premium && (label.startsWith('premium-') || label.length <= 3)) {
    return { ...base, kind: 'premium', action: 'create', pricingMode: 'create-premium', orderable: true, priceCents: extension.createCents * PREMIUM_FACTOR, holder: null }
  }
  return { ...base, kind: 'available', action: 'create', pricingMode: 'create-default', orderable: true, priceCents: extension.createCents, holder: null }
}

// The auth code the registry expects for a domain, documented: 'AUTH-' and the name upper-cased
// ('taken-shop.com' -> 'AUTH-TAKEN-SHOP.COM'). GET /domain/{sn}/authInfo answers the same.
export function authCodeOf (domain: string): string {
  return `AUTH-${domain.toUpperCase()}`
}
