// What delivering a paid order item does. The domain tasks (DomainCreate, DomainIncomingTransfer,
// DomainTrade) come with the shared task model; until then an item needs no task.
import type { ItemDelivery } from './orders.js'

export const deliverOrderItem: ItemDelivery = () => null
