// GraphQL: the .uk release (Query.ukRegistrars, Mutation.releaseUkDomain).
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { listUkRegistrars, releaseUkDomain } from './uk-release.js'

export const ukReleaseResolvers: Resolvers = {
  Query: {
    ukRegistrars: (_root, { domain }, { caller }) => listUkRegistrars(caller, domain)
  },
  Mutation: {
    releaseUkDomain: (_root, { domain, tag }, { caller }) => releaseUkDomain(caller, domain, tag)
  }
}
