// The object types that implement Node: how each names itself in a global id, and the single
// getter node(id:) refetches it with, so that a refetch makes the same access checks and OVH
// calls as the type's own query (domain(name:), order(orderId:), cart(cartId:), domainTask(id:)).
// DomainTask and Event keep the id they always had (OVH's task number, the event's UUID), which
// is global as it stands: no other Node id has either form (`ownId`). schema.graphql's Node
// section says why the other types with an id of their own are not Node types yet.
import type { Caller } from '../../upstream/caller.js'
import { getDomain } from '../domains/service.js'
import type { OvhDomain } from '../domains/schemas.js'
import { getOrder } from '../orders/orders.js'
import type { OvhBillingOrder } from '../orders/schemas.js'
import { getCart } from '../orders/carts.js'
import type { CartView } from '../orders/carts.js'
import { getTask } from '../tasks/service.js'
import type { AnsweredTask } from '../tasks/mirror-tasks.js'
import { getEvent } from '../events/service.js'
import type { EventView } from '../events/types.js'

export interface NodeType<T> {
  localId: (object: T) => string
  load: (caller: Caller, localId: string) => Promise<T | null>
  /**
   * The form of the type's own `id` when that id is its global id, instead of base64 of
   * `<Type>:<local id>`; the forms of all types are disjoint, and none is base64 of `<Type>:...`
   * (which starts with an upper-case letter).
   */
  ownId?: RegExp
}

const domain: NodeType<OvhDomain> = { localId: object => object.domain, load: (caller, name) => getDomain(caller, name) }
const order: NodeType<OvhBillingOrder> = { localId: object => String(object.orderId), load: (caller, id) => getOrder(caller, id) }
const cart: NodeType<CartView> = { localId: object => object.cartId, load: (caller, id) => getCart(caller, id) }
const domainTask: NodeType<AnsweredTask> = { localId: object => String(object.id), load: (caller, id) => getTask(caller, id), ownId: /^[1-9]\d{0,15}$/ }
const event: NodeType<EventView> = { localId: object => object.id, load: (caller, id) => getEvent(caller, id), ownId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ }

// Any NodeType, its object type forgotten: what node(id:) dispatches on.
export interface SomeNodeType {
  localId: (object: never) => string
  load: (caller: Caller, localId: string) => Promise<object | null>
  ownId?: RegExp
}

export const nodeTypes: Readonly<Record<string, SomeNodeType>> = { Domain: domain, Order: order, Cart: cart, DomainTask: domainTask, Event: event }
