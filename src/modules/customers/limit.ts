// Which customers a request is limited to: the user's own limit, narrowed by an access token's
// `customers` claim. A token can only narrow: a user limited to A and B with a token naming A acts
// for A; a token naming customers makes an unlimited user limited to them.
import type { User } from '../../generated/prisma/client.js'
import type { CustomerStore } from './store.js'

export async function customerLimitOf (store: CustomerStore, user: Pick<User, 'id' | 'customerLimited'>, tokenCustomers: readonly string[] = []): Promise<string[] | null> {
  const own = await store.limitOf(user.id, user.customerLimited)
  // An empty claim is no limit of the token's own (tokens made before customers existed carry []).
  if (tokenCustomers.length === 0) return own
  return own === null ? [...tokenCustomers] : own.filter(id => tokenCustomers.includes(id))
}
