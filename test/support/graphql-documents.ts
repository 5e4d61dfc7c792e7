// GraphQL documents that cost a validator far more than their size, for the limits' tests: built
// here once so that the unit tests and the gateway's tests send the same ones.
import { Kind } from 'graphql'
import type { DocumentNode } from 'graphql'

/**
 * Issue 11's reproducer: fragments F0..F(n-1) each spread the next one twice (2^n selections
 * expanded), every definition written twice, and the last one spreading an unknown fragment X.
 */
export function nestedFragmentsQuery (n: number): string {
  const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on __Schema {...F${i + 1} ...F${i + 1}}`).join(' ')
  return `{__schema{...F0}} ${fragments}${fragments} fragment F${n} on __Schema {...X}`
}

/** The same chain without its faults: valid, but 2^n `__typename` fields expanded. */
export function nestedFragmentsValidQuery (n: number): string {
  const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on __Schema {...F${i + 1} ...F${i + 1}}`).join(' ')
  return `{__schema{...F0}} ${fragments} fragment F${n} on __Schema {__typename}`
}

/**
 * Makes every selection set of `document` count the reads of its selections: the work a walk of
 * the document does, whatever the machine's speed. Parse it with `noLocation: true`.
 */
export function countSelectionReads (document: DocumentNode): { reads: () => number, selectionSets: number } {
  let reads = 0
  let selectionSets = 0
  const instrument = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) instrument(item)
      return
    }
    if (node === null || typeof node !== 'object') return
    for (const value of Object.values(node)) instrument(value)
    if ((node as { kind?: string }).kind === Kind.SELECTION_SET) {
      selectionSets++
      const selections = (node as { selections: unknown }).selections
      Object.defineProperty(node, 'selections', { enumerable: true, get () { reads++; return selections } })
    }
  }
  instrument(document)
  return { reads: () => reads, selectionSets }
}
