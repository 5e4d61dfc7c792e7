// What the domains resolvers are given as the parent of a field (the generated resolver types'
// mappers, scripts/resolver-types.ts), where no service's answer names it.
import type { LazyConnection } from '../shared/pagination.js'

// Domains are read only when edges or pageInfo are asked for; totalCount only when it is.
export type DomainConnectionParent = Omit<LazyConnection<unknown>, 'totalCount'> & { totalCount: () => Promise<number> }
