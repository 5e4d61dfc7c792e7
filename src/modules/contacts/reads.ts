// Upstream reads of contacts for one request, batched and de-duplicated with DataLoader: a page of
// domains with their owners is one X-Ovh-Batch read of /domain/contact/{contactId}.
import DataLoader from 'dataloader'
import type { Caller } from '../../upstream/caller.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'
import type { AccountContact, ContactChange, ContactFieldRule, OwnerContact } from './schemas.js'

export function contactReads (caller: Caller) {
  return caller.memo('contacts', () => {
    const lists = new Map<string, Promise<number[]>>()
    let owners: Promise<OwnerContact[]> | undefined
    const owner = new DataLoader<string, OwnerContact | null>(batchLoader<OwnerContact>(caller, '/domain/contact/{contactId}'))
    return {
      /** GET /domain/contact: OVH returns full objects; each also fills the `owner` loader. */
      owners (): Promise<OwnerContact[]> {
        owners ??= caller.ovh()
          .then(client => client.get<OwnerContact[]>('/domain/contact'))
          .then(list => {
            for (const contact of list) owner.prime(String(contact.id), contact)
            return list
          })
        return owners
      },
      owner,
      account: new DataLoader<string, AccountContact | null>(batchLoader<AccountContact>(caller, '/me/contact/{contactId}')),
      // OVH batches only on a route's last segment: field rules are read one by one.
      fields: new DataLoader<string, ContactFieldRule[] | null>(singleReadLoader<ContactFieldRule[]>(caller, '/me/contact/{contactId}/fields', 'contactId')),
      change: new DataLoader<string, ContactChange | null>(batchLoader<ContactChange>(caller, '/me/task/contactChange/{id}')),
      /** An OVH list of ids (GET `route` with `query`), once per request. */
      list (route: string, query: Record<string, string> = {}): Promise<number[]> {
        const key = JSON.stringify([route, query])
        let ids = lists.get(key)
        if (ids === undefined) {
          ids = caller.ovh().then(client => client.get<number[]>(route, { query }))
          lists.set(key, ids)
        }
        return ids
      },
      /** Forgets a list after a change. */
      forgetList (route: string): void {
        for (const key of lists.keys()) if (key.startsWith(JSON.stringify([route]).slice(0, -1))) lists.delete(key)
      }
    }
  })
}
