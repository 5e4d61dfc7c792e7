// An operation that only asks about the schema (__schema, __type, __typename at its root), as
// GraphiQL sends when its page opens to fill its documentation and completion. Where GraphiQL is
// served, such a document needs no API key (plugins/graphql.ts): the schema is public anyway
// (schema.graphql is in the repository, the REST API's OpenAPI document is served to all), and a
// page whose first answer is UNAUTHENTICATED, with no docs until a key is pasted, is a poor start.
import { Kind } from 'graphql'
import type { DocumentNode } from 'graphql'

export function isIntrospectionOnly (document: DocumentNode): boolean {
  let operations = 0
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    operations++
    if (definition.operation !== 'query') return false
    // A fragment spread at the root could select anything: only plain __ fields count.
    const schemaOnly = definition.selectionSet.selections.every(selection => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'))
    if (!schemaOnly) return false
  }
  return operations > 0
}
