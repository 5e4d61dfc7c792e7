// What the contacts resolvers are given as the parent of a field (the generated resolver types'
// mappers, scripts/resolver-types.ts), where no service's answer names it.
import type { ContactChange } from './schemas.js'

export type ContactRole = ContactChange['contactTypes'][number]
// A NIC of a domain, with the request pending to replace it (if any).
export type NicHandleParent = { nichandle: string, domain: string, role: ContactRole }
