// Query.node and Query.nodes: decode a global id, refetch with the type's own getter. An object
// that does not exist or is not the caller's is null, as in Relay, and as domain(name:) and
// order(orderId:) answer: the getters' NOT_FOUND (cart(cartId:) throws it for another user's
// cart) becomes null. Other errors (FORBIDDEN by the consumer key's access rules, a missing
// scope, OVH failing) stay what the type's own query answers.
import type { Caller } from '../../upstream/caller.js'
import { badUserInput } from '../../errors.js'
import { fromGlobalId } from '../../graphql/global-id.js'
import { nodeTypes } from './types.js'

/** How many ids one nodes(ids:) takes: each may cost an OVH call. */
export const MAX_NODES = 50

// The type each refetched object was loaded as, for Node's resolveType.
const typeOfNode = new WeakMap<object, string>()

export function nodeTypeOf (object: object): string | undefined {
  return typeOfNode.get(object)
}

interface Located { type: string, localId: string }

function locate (id: string, field: string): Located {
  // A type whose own id is global (DomainTask's number, Event's UUID) is known by its form.
  for (const [type, nodeType] of Object.entries(nodeTypes)) {
    if (nodeType.ownId?.test(id) === true) return { type, localId: id }
  }
  const located = fromGlobalId(id, field)
  if (!Object.hasOwn(nodeTypes, located.type) || nodeTypes[located.type]!.ownId !== undefined) {
    throw badUserInput(`${field} is not a global id (Node.id)`, [{ field, message: `no Node type ${located.type}` }])
  }
  return located
}

async function load (caller: Caller, { type, localId }: Located): Promise<object | null> {
  try {
    const object = await nodeTypes[type]!.load(caller, localId)
    if (object !== null) typeOfNode.set(object, type)
    return object
  } catch (err) {
    if ((err as { code?: unknown }).code === 'NOT_FOUND') return null
    throw err
  }
}

export async function getNode (caller: Caller, id: string): Promise<object | null> {
  return load(caller, locate(id, 'id'))
}

/** In the order asked; every id is checked before any is read. */
export async function getNodes (caller: Caller, ids: readonly string[]): Promise<Array<object | null>> {
  if (ids.length > MAX_NODES) throw badUserInput(`at most ${MAX_NODES} ids`, [{ field: 'ids', message: `at most ${MAX_NODES} ids, got ${ids.length}` }])
  const located = ids.map((id, index) => locate(id, `ids.${index}`))
  return Promise.all(located.map(each => load(caller, each)))
}
