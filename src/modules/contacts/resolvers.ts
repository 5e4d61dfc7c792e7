// GraphQL: owner and account contacts, contact-change requests, and a domain's owner contact and
// admin/tech/billing NICs (through loaders: a page of domains reads its owners in one batch call).
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import type { OvhDomain } from '../domains/schemas.js'
import { connectionOf } from '../shared/pagination.js'
import {
  acceptContactChange, changeDomainContacts, getContactChange, listContactChanges, pendingContactChange, refuseContactChange,
  resendContactChangeEmail
} from './changes.js'
import type { AccountContact, OwnerContactInput } from './schemas.js'
import type { ContactRole, NicHandleParent } from './parents.js'
import {
  createAccountContact, createOwnerContact, getAccountContact, getContactFieldRules, getOwnerContact, listAccountContacts,
  listOwnerContacts, updateAccountContact, updateOwnerContact
} from './service.js'

// A NIC of a domain, with the request pending to replace it (if any).
const nicOf = (domain: OvhDomain, role: ContactRole, nichandle: string): NicHandleParent => ({ nichandle, domain: domain.domain, role })

// Owner contacts: the schema's input (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const contactsResolvers: Resolvers = {
  Query: {
    ownerContacts: (_root, _args, { caller }) => listOwnerContacts(caller),
    ownerContact: (_root, { id }, { caller }) => getOwnerContact(caller, id),
    accountContacts: async (_root, args, { caller }) => connectionOf(await listAccountContacts(caller, args)),
    accountContact: (_root, { id }, { caller }) => getAccountContact(caller, id),
    contactChangeRequests: async (_root, args, { caller }) => connectionOf(await listContactChanges(caller, args)),
    contactChangeRequest: (_root, { id }, { caller }) => getContactChange(caller, id)
  },
  Mutation: {
    createOwnerContact: (_root, { input }, { caller }) => createOwnerContact(caller, input as OwnerContactInput),
    updateOwnerContact: (_root, { id, input }, { caller }) => updateOwnerContact(caller, id, input as OwnerContactInput),
    createAccountContact: (_root, { input }, { caller }) => createAccountContact(caller, input),
    updateAccountContact: (_root, { id, input }, { caller }) => updateAccountContact(caller, id, input),
    changeDomainContacts: (_root, { domain, admin, tech, billing }, { caller }) => changeDomainContacts(caller, domain, { admin, tech, billing }),
    acceptContactChange: (_root, { id, token }, { caller }) => acceptContactChange(caller, id, token),
    refuseContactChange: (_root, { id, token }, { caller }) => refuseContactChange(caller, id, token),
    resendContactChangeEmail: (_root, { id }, { caller }) => resendContactChangeEmail(caller, id)
  },
  AccountContact: {
    fields: async (contact: AccountContact, _args, { caller }) => await getContactFieldRules(caller, contact.id) ?? []
  },
  Domain: {
    owner: (domain: OvhDomain, _args, { caller }) => getOwnerContact(caller, domain.whoisOwner),
    adminAccount: (domain: OvhDomain) => nicOf(domain, 'contactAdmin', domain.contactAdmin.id),
    techAccount: (domain: OvhDomain) => nicOf(domain, 'contactTech', domain.contactTech.id),
    billingAccount: (domain: OvhDomain) => nicOf(domain, 'contactBilling', domain.contactBilling.id)
  },
  NicHandle: {
    pendingChange: (nic: NicHandleParent, _args, { caller }) => pendingContactChange(caller, nic.domain, nic.role)
  }
}
