// The object types that implement Node: how each names itself in a global id, and the single
// getter node(id:) refetches it with, so that a refetch makes the same access checks and OVH
// calls as the type's own query (domain(name:), order(orderId:), cart(cartId:)). Types whose `id`
// is already a local id are not here: schema.graphql's Node section says why.
import type { Caller } from '../../upstream/caller.js'
import { getDomain } from '../domains/service.js'
import type { OvhDomain } from '../domains/schemas.js'
import { getOrder } from '../orders/orders.js'
import type { OvhBillingOrder } from '../orders/schemas.js'
import { getCart } from '../orders/carts.js'
import type { CartView } from '../orders/carts.js'

export interface NodeType<T> {
  localId: (object: T) => string
  load: (caller: Caller, localId: string) => Promise<T | null>
}

const domain: NodeType<OvhDomain> = { localId: object => object.domain, load: (caller, name) => getDomain(caller, name) }
const order: NodeType<OvhBillingOrder> = { localId: object => String(object.orderId), load: (caller, id) => getOrder(caller, id) }
const cart: NodeType<CartView> = { localId: object => object.cartId, load: (caller, id) => getCart(caller, id) }

// Any NodeType, its object type forgotten: what node(id:) dispatches on.
export interface SomeNodeType {
  localId: (object: never) => string
  load: (caller: Caller, localId: string) => Promise<object | null>
}

export const nodeTypes: Readonly<Record<string, SomeNodeType>> = { Domain: domain, Order: order, Cart: cart }
