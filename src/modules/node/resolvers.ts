// GraphQL: Query.node, Query.nodes, the Node interface and the global id of each Node type.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { toGlobalId } from '../../graphql/global-id.js'
import { getNode, getNodes, nodeTypeOf } from './service.js'
import { nodeTypes } from './types.js'

// Types whose own id is global (ownId) answer it as it is.
const globalIds = Object.fromEntries(Object.entries(nodeTypes).filter(([, { ownId }]) => ownId === undefined).map(([type, { localId }]) => [
  type,
  { id: (object: never) => toGlobalId(type, localId(object)) }
]))

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_root, { id }: { id: string }, { caller }) => getNode(caller, id),
    nodes: (_root, { ids }: { ids: string[] }, { caller }) => getNodes(caller, ids)
  },
  // Mercurius reads an interface's resolveType from here.
  Node: { resolveType: (object: object) => nodeTypeOf(object) } as never,
  ...globalIds
}
