// Sandbox carts and orders made through the OVH routes themselves, for the order tests and the
// conformance examples.
import { ovhCall } from './helpers.js'
import type { Served } from './helpers.js'

export interface CartSetup {
  cartId: string
  itemIds: number[]
}

export interface CartOptions {
  assign?: boolean
  // Sets what checkout requires (legal age, conditions, auth code) on every item.
  configure?: boolean
  consumerKey?: string
  duration?: string
}

async function call (served: Served, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, consumerKey?: string) {
  const answer = await ovhCall(served, { method, path, body, consumerKey })
  if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`)
  return answer.body
}

export async function createCart (served: Served, domains: string[], options: CartOptions = {}): Promise<CartSetup> {
  const cart = await call(served, 'POST', '/order/cart', { ovhSubsidiary: 'FR', description: 'test cart' }, options.consumerKey)
  if (options.assign !== false) await call(served, 'POST', `/order/cart/${cart.cartId}/assign`, undefined, options.consumerKey)
  const itemIds: number[] = []
  for (const domain of domains) {
    const item = await call(served, 'POST', `/order/cart/${cart.cartId}/domain`, { domain, ...(options.duration ? { duration: options.duration } : {}) }, options.consumerKey)
    itemIds.push(item.itemId)
    if (options.configure === true) {
      const required: Array<{ label: string }> = await call(served, 'GET', `/order/cart/${cart.cartId}/item/${item.itemId}/requiredConfiguration`)
      for (const { label } of required) {
        const value = label === 'AUTH_INFO' ? `AUTH-${domain.toUpperCase()}` : label === 'OWNER_LEGAL_AGE' || label === 'ACCEPT_CONDITIONS' ? 'true' : undefined
        if (value !== undefined) await call(served, 'POST', `/order/cart/${cart.cartId}/item/${item.itemId}/configuration`, { label, value })
      }
    }
  }
  return { cartId: cart.cartId, itemIds }
}

// A checked-out order (waiting for its payment unless `pay`), with one item per domain.
export async function createOrder (served: Served, domains: string[], options: CartOptions & { pay?: boolean } = {}): Promise<number> {
  const { cartId } = await createCart(served, domains, { ...options, configure: true })
  const order = await call(served, 'POST', `/order/cart/${cartId}/checkout`, { autoPayWithPreferredPaymentMethod: options.pay === true, waiveRetractationPeriod: true }, options.consumerKey)
  return order.orderId
}

export async function defaultPaymentMethod (served: Served, consumerKey?: string): Promise<number> {
  const ids: number[] = await call(served, 'GET', '/me/payment/method?default=true', undefined, consumerKey)
  return ids[0]
}

let counter = 0

// A name the sandbox always offers for creation (its label matches no availability rule).
export function freshName (tld = 'com'): string {
  counter += 1
  return `fresh-${process.pid}-${counter}.${tld}`
}
