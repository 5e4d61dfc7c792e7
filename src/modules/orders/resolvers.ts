// GraphQL: carts, checkout, payment methods, payment and orders.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { getDomain } from '../domains/service.js'
import { getRuleTree } from '../rules/service.js'
import type { CartItemView } from './cart-reads.js'
import { summaryView } from './cart-reads.js'
import {
  addDomainToCart, assignCart, checkoutPreview, createCart, deleteCart, getCart, getCartItems, itemConfigurations,
  listCarts, removeCartItem, removeCartItemConfiguration, requiredConfiguration, setCartItemConfiguration, updateCartItem
} from './carts.js'
import type { CartView } from './carts.js'
import { checkoutCart } from './checkout.js'
import { detailExtension, getOrder, listOrders, orderDetails, orderLinks, orderPrices, orderStatus, readOrder, requireOrder } from './orders.js'
import { originOf } from './mirror-orders.js'
import type { PricedDetail } from './orders.js'
import { listPaymentMethods, orderPaymentMeans, payOrder } from './payments.js'
import { graphqlPaymentMeans } from './payment-mean-spelling.js'
import type { PricedPreview } from './order-prices.js'
import type { OvhBillingOrder } from './schemas.js'
import { orderDomain } from './order-domain.js'
import type { OrderDomainInput, PlacedOrder } from './order-domain.js'
import { connectionOf } from '../shared/pagination.js'
import { actionOfDetail, taskOfOrderLine } from './order-tasks.js'
import { tradeDomain, tradeQuote } from './trade.js'
import type { TradeInput } from './trade.js'
import { clientReferenceOf } from './client-reference.js'

// orderDomain, tradeDomain: the schema's input (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const ordersResolvers: Resolvers = {
  Query: {
    carts: (_root, _args, { caller }) => listCarts(caller),
    cart: (_root, { cartId }, { caller }) => getCart(caller, cartId),
    paymentMethods: (_root, _args, { caller }) => listPaymentMethods(caller),
    orders: async (_root, args, { caller }) => {
      const page = await listOrders(caller, args)
      return { ...connectionOf(page), source: page.source }
    },
    order: (_root, { orderId, maxAge, live }, { caller }) => readOrder(caller, orderId, { maxAge, live }),
    tradeQuote: (_root, { domain }, { caller }) => tradeQuote(caller, domain)
  },
  Mutation: {
    createCart: (_root, args, { caller }) => createCart(caller, args),
    assignCart: (_root, { cartId }, { caller }) => assignCart(caller, cartId),
    deleteCart: (_root, { cartId }, { caller }) => deleteCart(caller, cartId),
    addDomainToCart: (_root, { cartId, ...input }, { caller }) => addDomainToCart(caller, cartId, input),
    updateCartItem: (_root, { cartId, itemId, duration }, { caller }) => updateCartItem(caller, cartId, itemId, { duration }),
    removeCartItem: (_root, { cartId, itemId }, { caller }) => removeCartItem(caller, cartId, itemId),
    setCartItemConfiguration: (_root, { cartId, itemId, label, value }, { caller }) => setCartItemConfiguration(caller, cartId, itemId, label, value),
    removeCartItemConfiguration: (_root, { cartId, itemId, configurationId }, { caller }) => removeCartItemConfiguration(caller, cartId, itemId, configurationId),
    previewCheckout: (_root, { cartId }, { caller }) => checkoutPreview(caller, cartId),
    checkoutCart: (_root, { cartId, ...input }, { caller }) => checkoutCart(caller, cartId, input),
    payOrder: async (_root, { orderId, ...input }, { caller }) => {
      await payOrder(caller, orderId, input)
      return requireOrder(caller, orderId)
    },
    orderDomain: (_root, { input, idempotencyKey }, { caller }) => orderDomain(caller, input as OrderDomainInput, idempotencyKey),
    tradeDomain: (_root, { idempotencyKey, ...input }, { caller }) => tradeDomain(caller, input as TradeInput, idempotencyKey)
  },
  OrderDomainResult: {
    order: (placed: PlacedOrder, _args, { caller }) => requireOrder(caller, placed.orderId),
    ownerContactId: (placed: PlacedOrder) => placed.contactId,
    task: async (placed: PlacedOrder, _args, { caller }) => {
      const order = await requireOrder(caller, placed.orderId)
      return taskOfOrderLine(caller, placed.domain, placed.action, order.date)
    }
  },
  Cart: {
    items: (cart: CartView, _args, { caller }) => getCartItems(caller, cart),
    summary: (cart: CartView, _args, { caller }) => summaryView(caller, cart.cartId)
  },
  CartItem: {
    configurations: (item: CartItemView, _args, { caller }) => itemConfigurations(caller, item),
    requiredConfiguration: (item: CartItemView, _args, { caller }) => requiredConfiguration(caller, item.cartId, item.itemId),
    rules: (item: CartItemView, _args, { caller }) => item.domain === null
      ? null
      : getRuleTree(caller, { domain: item.domain, action: item.planCode?.endsWith('-trade') === true ? 'trade' : item.pricingMode?.startsWith('transfer') === true ? 'transfer' : 'create' })
  },
  OrderPreview: {
    order: (preview: PricedPreview, _args, { caller }) => preview.orderId === null ? null : getOrder(caller, preview.orderId)
  },
  Order: {
    url: (order: OvhBillingOrder, _args, { caller }) => orderLinks(caller, order).url,
    pdfUrl: (order: OvhBillingOrder, _args, { caller }) => orderLinks(caller, order).pdfUrl,
    status: (order: OvhBillingOrder, _args, { caller }) => orderStatus(caller, order.orderId),
    clientReference: (order: OvhBillingOrder, _args, { caller }) => clientReferenceOf(caller, order.orderId),
    source: (order: OvhBillingOrder, _args, { caller }) => originOf(caller, order.orderId).source,
    syncedAt: (order: OvhBillingOrder, _args, { caller }) => originOf(caller, order.orderId).syncedAt,
    prices: (order: OvhBillingOrder, _args, { caller }) => orderPrices(caller, order),
    details: (order: OvhBillingOrder, _args, { caller }) => orderDetails(caller, order.orderId),
    paymentMeans: async (order: OvhBillingOrder, _args, { caller }) => graphqlPaymentMeans(await orderPaymentMeans(caller, order.orderId))
  },
  OrderDetail: {
    plan: async (detail: PricedDetail, _args, { caller }) => {
      const extension = await detailExtension(caller, detail.orderId, detail.orderDetailId)
      if (extension === null) return null
      const { plan, configurations } = extension.order
      return { code: plan.code, duration: plan.duration, pricingMode: plan.pricingMode, product: plan.product.name, configurations }
    },
    service: (detail: PricedDetail, _args, { caller }) => detail.domain ? getDomain(caller, detail.domain) : null,
    task: async (detail: PricedDetail, _args, { caller }) => {
      if (!detail.domain) return null
      const order = await requireOrder(caller, detail.orderId)
      return taskOfOrderLine(caller, detail.domain, actionOfDetail(detail.detailType), order.date)
    }
  }
}
