// A service page (nodes + cursors) as a Relay connection for GraphQL.
export interface ServicePage<T> {
  nodes: T[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
}

export function toConnection<T> (page: ServicePage<T>) {
  return {
    edges: page.nodes.map((node, index) => ({ cursor: page.cursors[index], node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors.at(-1) ?? null
    },
    totalCount: page.totalCount
  }
}
