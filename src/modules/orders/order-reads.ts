// Upstream reads of the account's orders for one request: orders and their details with
// X-Ovh-Batch reads, statuses and detail ids bounded in parallel, each read at most once.
import DataLoader from 'dataloader'
import { OvhApiError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'
import type { OrderStatus, OvhBillingDetail, OvhBillingOrder, OvhItemDetail } from './schemas.js'

// Order details are batched per order: OVH batches ids in a route's last segment only.
function detailsLoader (caller: Caller) {
  return async (keys: readonly string[]): Promise<Array<OvhBillingDetail | null | Error>> => {
    const client = await caller.ovh()
    const byOrder = new Map<string, string[]>()
    for (const key of keys) {
      const [orderId, detailId] = key.split('/')
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), detailId])
    }
    const found = new Map<string, OvhBillingDetail | null | Error>()
    await Promise.all([...byOrder].map(async ([orderId, detailIds]) => {
      const results = await client.getBatch<OvhBillingDetail>('/me/order/{orderId}/details/{orderDetailId}', detailIds, { params: { orderId } })
      for (const detailId of detailIds) {
        const item = results.get(detailId)
        const value = item === undefined ? new Error(`OVH gave no answer for detail ${detailId}`) : item.ok ? item.value : item.error instanceof OvhApiError && item.error.status === 404 ? null : item.error
        found.set(`${orderId}/${detailId}`, value)
      }
    }))
    return keys.map(key => found.get(key) ?? null)
  }
}

export function orderReads (caller: Caller) {
  return caller.memo('orders', () => ({
    order: new DataLoader<string, OvhBillingOrder | null>(batchLoader<OvhBillingOrder>(caller, '/me/order/{orderId}')),
    status: new DataLoader<string, OrderStatus | null>(singleReadLoader<OrderStatus>(caller, '/me/order/{orderId}/status', 'orderId')),
    detailIds: new DataLoader<string, number[] | null>(singleReadLoader<number[]>(caller, '/me/order/{orderId}/details', 'orderId')),
    detail: new DataLoader<string, OvhBillingDetail | null>(detailsLoader(caller)),
    extension: new DataLoader<string, OvhItemDetail | null>(async keys => {
      const client = await caller.ovh()
      return Promise.all(keys.map(async key => {
        const [orderId, orderDetailId] = key.split('/')
        try {
          return await client.get<OvhItemDetail>('/me/order/{orderId}/details/{orderDetailId}/extension', { params: { orderId, orderDetailId } })
        } catch (err) {
          return err instanceof OvhApiError && err.status === 404 ? null : err as Error
        }
      }))
    })
  }))
}
