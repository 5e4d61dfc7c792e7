// Only GraphQL source text is a query. Mercurius reads a query that does not parse as a JSON-encoded
// AST, so {"query": 5} (coerced to "5" by the body schema), "{}" or "null" reach graphql-js's
// validation as documents that are not one, and it crashes on them (an INTERNAL answer for the
// client's mistake). A document parsed from source carries its Location; one from JSON cannot.
import { GraphQLError, Location } from 'graphql'
import type { DocumentNode } from 'graphql'

export function requireParsedDocument (document: DocumentNode | null | undefined): void {
  if (!(document?.loc instanceof Location)) throw new GraphQLError('the query must be a GraphQL document, as text')
}
