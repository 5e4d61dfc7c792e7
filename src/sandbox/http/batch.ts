// Batch reads (X-Ovh-Batch): one GET for several ids joined by a separator in the last path segment,
// answered as [{key, value, error}]. A failing id never fails the call. @see docs/OVH-API.md 15b
import { OvhError } from '../errors.js'

export interface BatchItem {
  // The id exactly as it appeared in the URL.
  key: string
  value: unknown
  // null, or the OVH error message for that id (OVH's exact type here is unconfirmed; truthy suffices).
  error: string | null
}

// The separator, when the request asks for a batch read.
export function batchSeparatorOf (header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  return value === undefined || value === '' ? undefined : value
}

export async function runBatch (ids: readonly string[], readOne: (id: string) => unknown): Promise<BatchItem[]> {
  const items: BatchItem[] = []
  for (const key of ids) {
    try {
      items.push({ key, value: await readOne(key), error: null })
    } catch (error) {
      // Anything but an OVH answer is a sandbox bug: let it surface as a 500.
      if (!(error instanceof OvhError)) throw error
      items.push({ key, value: null, error: error.body.message })
    }
  }
  return items
}
