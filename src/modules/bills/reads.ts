// Upstream reads of the account's bills for one request: bills and their lines with X-Ovh-Batch
// reads, line ids and payments bounded in parallel, each read at most once.
import DataLoader from 'dataloader'
import { OvhApiError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'
import type { OvhBill, OvhBillDetail, OvhBillPayment } from './schemas.js'

// Lines are batched per bill: OVH batches ids in a route's last segment only.
function linesLoader (caller: Caller) {
  return async (keys: readonly string[]): Promise<Array<OvhBillDetail | null | Error>> => {
    const client = await caller.ovh()
    const byBill = new Map<string, string[]>()
    for (const key of keys) {
      const [billId, lineId] = key.split('/')
      byBill.set(billId, [...(byBill.get(billId) ?? []), lineId])
    }
    const found = new Map<string, OvhBillDetail | null | Error>()
    await Promise.all([...byBill].map(async ([billId, lineIds]) => {
      const results = await client.getBatch<OvhBillDetail>('/me/bill/{billId}/details/{billDetailId}', lineIds, { params: { billId } })
      for (const lineId of lineIds) {
        const item = results.get(lineId)
        const value = item === undefined ? new Error(`OVH gave no answer for bill line ${lineId}`) : item.ok ? item.value : item.error instanceof OvhApiError && item.error.status === 404 ? null : item.error
        found.set(`${billId}/${lineId}`, value)
      }
    }))
    return keys.map(key => found.get(key) ?? null)
  }
}

export function billReads (caller: Caller) {
  return caller.memo('bills', () => ({
    bill: new DataLoader<string, OvhBill | null>(batchLoader<OvhBill>(caller, '/me/bill/{billId}')),
    lineIds: new DataLoader<string, string[] | null>(singleReadLoader<string[]>(caller, '/me/bill/{billId}/details', 'billId')),
    line: new DataLoader<string, OvhBillDetail | null>(linesLoader(caller)),
    payment: new DataLoader<string, OvhBillPayment | null>(singleReadLoader<OvhBillPayment>(caller, '/me/bill/{billId}/payment', 'billId')),
    // The bills of an order (GET /me/bill?orderId=): OVH names no bill on the order itself.
    ofOrder: new DataLoader<string, string[]>(async keys => await caller.fanOut(keys.length, async client =>
      await Promise.all(keys.map(orderId => client.get<string[]>('/me/bill', { query: { orderId } }).catch((err: unknown) => err as Error)))))
  }))
}
