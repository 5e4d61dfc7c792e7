// What a GraphQL operation is labelled by in /metrics: its type and its first root field. Both are
// bounded by the schema; the operation's name is the client's choice and would not be.
import { Kind } from 'graphql'
import type { DocumentNode } from 'graphql'

export interface OperationLabel {
  type: string
  field: string
}

export function operationLabel (document: DocumentNode, operationName?: string | null): OperationLabel {
  const operations = document.definitions.filter(definition => definition.kind === Kind.OPERATION_DEFINITION)
  const operation = operations.find(candidate => operationName == null || candidate.name?.value === operationName) ?? operations[0]
  if (operation === undefined) return { type: 'none', field: 'none' }
  const first = operation.selectionSet.selections.find(selection => selection.kind === Kind.FIELD)
  // Introspection's roots count as one: `__schema`, `__type` and `__typename` are all it can be.
  const field = first === undefined ? 'fragment' : first.name.value.startsWith('__') ? '__introspection' : first.name.value
  return { type: operation.operation, field }
}
