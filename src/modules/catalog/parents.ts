// What the catalog resolvers are given as the parent of a field (the generated resolver types'
// mappers, scripts/resolver-types.ts), where no service's answer names it.
import type { ClaimNotice } from './storefront-schemas.js'

// One trademark claim of a claim notice.
export type ClaimParent = NonNullable<ClaimNotice['claims']>[number]
