// GraphQL: the tenant's customers and the key customer users sign with (tenant admins), over the
// same services as REST.
import type { MercuriusContext } from 'mercurius'
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { accessContextOf } from '../access/context.js'
import type { AccessContext } from '../access/context.js'
import { createCustomer, deleteCustomer, getCustomer, listCustomers, setCustomerDomains, updateCustomer } from './service.js'
import type { CreateCustomerInput, UpdateCustomerInput } from './service.js'
import { getCustomerKeyUser, setCustomerKeyUser } from './key-user.js'
import type {} from '../access/plugin.js'

const ctxOf = ({ caller, app, reply }: MercuriusContext): AccessContext => accessContextOf(caller, app.access, reply.request)

export const customerResolvers: Resolvers = {
  Query: {
    customers: async (_root, _args, context) => await listCustomers(ctxOf(context)),
    customer: async (_root, { id }: { id: string }, context) => {
      const ctx = ctxOf(context)
      try {
        return await getCustomer(ctx, id)
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return null
        throw err
      }
    },
    customerKeyUser: async (_root, _args, context) => await getCustomerKeyUser(ctxOf(context))
  },
  Mutation: {
    createCustomer: async (_root, { input }: { input: CreateCustomerInput }, context) => await createCustomer(ctxOf(context), input),
    updateCustomer: async (_root, { id, input }: { id: string, input: UpdateCustomerInput }, context) => await updateCustomer(ctxOf(context), id, input),
    deleteCustomer: async (_root, { id }: { id: string }, context) => await deleteCustomer(ctxOf(context), id),
    setCustomerDomains: async (_root, { id, domains }: { id: string, domains: string[] }, context) => await setCustomerDomains(ctxOf(context), id, domains),
    setCustomerKeyUser: async (_root, { userId }, context) => await setCustomerKeyUser(ctxOf(context), userId ?? null)
  }
}
