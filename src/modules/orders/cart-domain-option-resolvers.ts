// GraphQL: a domain's options in the cart (cartDomainOptions, addCartDomainOption), over the same
// service as the REST routes (./cart-domain-options.ts).
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { addCartDomainOption, cartDomainOptions } from './cart-domain-options.js'

export const cartDomainOptionResolvers: Resolvers = {
  Query: {
    cartDomainOptions: (_root, { cartId, domain }, { caller }) => cartDomainOptions(caller, cartId, domain)
  },
  Mutation: {
    addCartDomainOption: (_root, { cartId, input }, { caller }) => addCartDomainOption(caller, cartId, input)
  }
}
