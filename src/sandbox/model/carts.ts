// Carts and their items: lookup (expired carts are gone, as OVH purges them), ownership, the items'
// required configuration, and the checks a checkout runs. @see docs/OVH-API.md 5
import { classError, badRequest, notFound } from '../errors.js'
import type { SandboxCore } from '../core.js'
import type { CartItemState, CartState } from '../state/order-types.js'
import type { AccountState, SandboxState } from '../state/types.js'
import { offerFor } from './availability.js'
import { extensionOfDomain, yearsOf } from './catalog.js'
import { claimNoticeId } from './claims.js'
import { ordersState } from './order-state.js'
import { checkRules, nicAsContact, ruleNotRespected } from './rules/index.js'

export const DEFAULT_CART_LIFETIME_MS = 24 * 3600 * 1000

// OVH answers an expired (purged) cart like one that never existed.
export function findCart (state: SandboxState, cartId: string, now: number): CartState {
  const carts = ordersState(state).carts
  const cart = carts[cartId]
  if (cart === undefined || cart.expire <= now) {
    if (cart !== undefined) delete carts[cartId]
    throw notFound(`The requested object (cartId = ${cartId}) does not exist`)
  }
  return cart
}

// What OVH answers (seen live, ovh/php-ovh#127) when a cart belongs to another account or is not
// assigned where the call needs it.
export const notAllowed = () => classError(403, 'Client::Forbidden', 'You are not allowed')

export function checkAccess (cart: CartState, account: AccountState | null): void {
  if (cart.account !== null && cart.account !== account?.nic) throw notAllowed()
}

export function checkWritable (cart: CartState): void {
  if (cart.readOnly) throw badRequest(`Cart ${cart.cartId} has already been checked out and can no longer change`)
}

export function findItem (cart: CartState, itemId: number): CartItemState {
  const item = cart.items.find(candidate => candidate.itemId === itemId)
  if (item === undefined) throw notFound(`The requested object (itemId = ${itemId}) does not exist`)
  return item
}

export interface Requirement {
  label: string
  type: string
  required: boolean
  fields: string[] | null
}

const CONTACT_FIELDS = ['address.city', 'address.country', 'address.line1', 'address.zip', 'email', 'firstName', 'language', 'lastName', 'legalForm', 'organisationName', 'phone']

// order.cart.ConfigurationRequirements of an item, by what it orders (docs/OVH-API.md 5.2).
export function requirementsOf (item: Pick<CartItemState, 'action' | 'domain'>): Requirement[] {
  if (item.action === 'trade') {
    return [{ label: 'OWNER_CONTACT', type: '/me/contact', required: true, fields: CONTACT_FIELDS }]
  }
  if (item.action === 'restore' || item.action === 'option') return []
  const list: Requirement[] = [
    { label: 'OWNER_LEGAL_AGE', type: 'bool', required: true, fields: null },
    { label: 'OWNER_CONTACT', type: '/me/contact', required: false, fields: CONTACT_FIELDS },
    { label: 'ADMIN_ACCOUNT', type: 'Nichandle', required: false, fields: null },
    { label: 'TECH_ACCOUNT', type: 'Nichandle', required: false, fields: null },
    { label: 'DNS', type: 'String', required: false, fields: null }
  ]
  if (extensionOfDomain(item.domain)?.conditions === true) list.push({ label: 'ACCEPT_CONDITIONS', type: 'bool', required: true, fields: null })
  // A registration in a TLD's claims period of a label matching a mark (model/claims.ts).
  if (item.action === 'create' && claimNoticeId(item.domain) !== null) list.push({ label: 'CLAIMS_NOTICE', type: 'String', required: true, fields: null })
  if (item.action === 'transfer') list.push({ label: 'AUTH_INFO', type: 'String', required: true, fields: null })
  return list
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const CONTACT_PATH = /^\/(me|domain)\/contact\/(\d+)$/

export function parseContactPath (value: string): number | null {
  const match = CONTACT_PATH.exec(value)
  return match === null ? null : Number(match[2])
}

// Format checks OVH runs when a configuration is set; existence checks wait for the checkout,
// when the cart is assigned to an account.
export function checkConfigurationValue (item: CartItemState, label: string, value: string): void {
  const requirement = requirementsOf(item).find(candidate => candidate.label === label)
  if (requirement === undefined) throw badRequest(`Configuration ${label} is not expected for item ${item.itemId}`)
  if (requirement.type === 'bool' && !['true', 'false', '1', '0'].includes(value)) throw badRequest(`Configuration ${label} expects true or false`)
  if (label === 'OWNER_CONTACT' && parseContactPath(value) === null) throw badRequest('Configuration OWNER_CONTACT expects a contact path such as /me/contact/1234')
  if (label === 'DNS' && !value.split(',').every(host => HOST.test(host.trim()))) throw badRequest('Configuration DNS expects comma-separated name server host names')
  if ((label === 'ADMIN_ACCOUNT' || label === 'TECH_ACCOUNT') && !/^[a-z0-9-]{2,30}$/i.test(value)) throw badRequest(`Configuration ${label} expects a NIC handle`)
  if (label === 'AUTH_INFO' && (value.length === 0 || value.length > 255)) throw badRequest('Configuration AUTH_INFO expects the auth code')
}

export function configurationValue (item: Pick<CartItemState, 'configurations'>, label: string): string | undefined {
  return item.configurations.findLast(configuration => configuration.label === label)?.value
}

const truthy = (value: string | undefined): boolean => value === 'true' || value === '1'

// Everything a checkout (dry run or real) refuses, in OVH's words.
export function checkCartForCheckout (sandbox: SandboxCore, cart: CartState, account: AccountState): void {
  if (cart.account !== account.nic) throw notAllowed()
  checkWritable(cart)
  if (cart.items.length === 0) throw badRequest('Your cart is empty')
  for (const item of cart.items) {
    for (const requirement of requirementsOf(item)) {
      const value = configurationValue(item, requirement.label)
      if (requirement.required && value === undefined) {
        throw badRequest(`Missing required configuration ${requirement.label} for item ${item.itemId} (${item.domain})`)
      }
      if (requirement.type === 'bool' && requirement.required && !truthy(value)) {
        throw badRequest(`Configuration ${requirement.label} of item ${item.itemId} must be accepted`)
      }
    }
    const notice = configurationValue(item, 'CLAIMS_NOTICE')
    if (notice !== undefined && notice !== claimNoticeId(item.domain)) throw badRequest(`CLAIMS_NOTICE of item ${item.itemId} does not acknowledge the claim notice of ${item.domain}`)
    const owner = configurationValue(item, 'OWNER_CONTACT')
    if (owner !== undefined && account.contacts[String(parseContactPath(owner))] === undefined) {
      throw badRequest(`Contact ${owner} does not exist on your account`)
    }
    for (const label of ['ADMIN_ACCOUNT', 'TECH_ACCOUNT']) {
      const nic = configurationValue(item, label)
      if (nic !== undefined && sandbox.state.accounts[nic] === undefined) throw badRequest(`${label}: unknown NIC handle ${nic}`)
    }
    if (item.action === 'option') {
      if (!cart.items.some(parent => parent.itemId === item.parentItemId)) throw badRequest(`The domain item of option ${item.itemId} is no longer in the cart`)
      continue
    }
    if (item.action === 'restore') {
      if (account.domains[item.domain]?.state !== 'pending_delete') throw badRequest(`The domain ${item.domain} is no longer in redemption: it cannot be restored`)
      continue
    }
    if (item.action !== 'trade') {
      const offer = offerFor(sandbox.state, account, item.domain)
      if (!offer.orderable || offer.action !== item.action) throw badRequest(`The domain ${item.domain} can no longer be ordered as ${item.pricingMode}`)
    }
    checkItemRules(sandbox, account, { ...item, action: item.action })
  }
}

// The eligibility rules of the item's action, on the data its configuration gives (OVH's checkout
// runs them too): the owner contact (or the account's own NIC data for a create without one), the
// admin and tech NICs, the accepted conditions and the auth code.
function checkItemRules (sandbox: SandboxCore, account: AccountState, item: CartItemState & { action: Exclude<CartItemState['action'], 'restore' | 'option'> }): void {
  const owner = configurationValue(item, 'OWNER_CONTACT')
  const ownerContact = owner === undefined ? undefined : account.contacts[String(parseContactPath(owner))]
  const nic = (label: string) => {
    const handle = configurationValue(item, label)
    return handle === undefined ? undefined : sandbox.state.accounts[handle]?.profile
  }
  const accepted = configurationValue(item, 'ACCEPT_CONDITIONS')
  const details = checkRules(sandbox, account, {
    action: item.action,
    domain: item.domain,
    data: {
      owner: ownerContact !== undefined ? { ...ownerContact } : item.action === 'create' ? nicAsContact(account.profile) : undefined,
      adminAccount: nic('ADMIN_ACCOUNT') as Record<string, unknown> | undefined,
      techAccount: nic('TECH_ACCOUNT') as Record<string, unknown> | undefined,
      extras: { acceptCondition: accepted === undefined ? undefined : truthy(accepted), authInfo: configurationValue(item, 'AUTH_INFO') }
    }
  })
  if (details !== null) throw ruleNotRespected(details)
}

export function itemYears (item: Pick<CartItemState, 'duration'>): number {
  return yearsOf(item.duration) ?? 1
}
