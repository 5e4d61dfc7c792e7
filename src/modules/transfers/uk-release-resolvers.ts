// GraphQL: the .uk release (Query.ukRegistrars, Mutation.releaseUkDomain).
import type { IResolvers } from 'mercurius'
import { listUkRegistrars, releaseUkDomain } from './uk-release.js'

export const ukReleaseResolvers: IResolvers = {
  Query: {
    ukRegistrars: (_root, { domain }, { caller }) => listUkRegistrars(caller, domain)
  },
  Mutation: {
    releaseUkDomain: (_root, { domain, tag }, { caller }) => releaseUkDomain(caller, domain, tag)
  }
}
