// The REST responses are shaped by zod schemas whose enums list OVH's values of the day they were
// written; @fastify/type-provider-zod's serializer fails the whole answer (500) on any other value.
// A string OVH added to one of its enums is passed through instead, as OVH sent it (GraphQL does
// the same, see ./graphql.ts), and every other mismatch still fails. The library has no hook for
// this, so its serializer is wrapped: the unknown values are swapped for a known one, the answer
// is serialized (and so still stripped of fields the schema does not list), then the values are
// put back.
import { ResponseSerializationError, serializerCompiler } from '@fastify/type-provider-zod'
import type { UnknownValueReporter } from './unknown-values.js'

type Path = Array<string | number>
interface UnknownValue { path: Path, value: string, standIn: string }

type CompileSerializer = typeof serializerCompiler

export function openEnumSerializerCompiler (report: UnknownValueReporter): CompileSerializer {
  return (route) => {
    const strict = serializerCompiler(route)
    return (data) => {
      try {
        return strict(data)
      } catch (error) {
        const unknown = error instanceof ResponseSerializationError ? unknownEnumValues(error, data) : null
        if (unknown === null) throw error
        const standIns = structuredClone(data)
        for (const { path, standIn } of unknown) setAt(standIns, path, standIn)
        const shaped = JSON.parse(strict(standIns)) as unknown
        for (const { path, value } of unknown) {
          setAt(shaped, path, value)
          report(`REST ${route.method} ${route.url} ${path.map(key => typeof key === 'number' ? '[]' : key).join('.')}`, value)
        }
        return JSON.stringify(shaped)
      }
    }
  }
}

// Every issue must be a string outside a list of strings (zod's `invalid_value`, which only enums
// and literals raise; the response schemas use no literal): otherwise null, and the error stands.
function unknownEnumValues (error: ResponseSerializationError, data: unknown): UnknownValue[] | null {
  const found: UnknownValue[] = []
  for (const issue of error.cause.issues) {
    if (issue.code !== 'invalid_value') return null
    const standIn = issue.values[0]
    if (typeof standIn !== 'string' || !issue.values.every(value => typeof value === 'string')) return null
    const path = issue.path as Path
    const value = getAt(data, path)
    if (typeof value !== 'string') return null
    found.push({ path, value, standIn })
  }
  return found.length > 0 ? found : null
}

function getAt (root: unknown, path: Path): unknown {
  let node = root
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[key]
  }
  return node
}

function setAt (root: unknown, path: Path, value: string): void {
  const parent = getAt(root, path.slice(0, -1))
  if (parent !== null && typeof parent === 'object') (parent as Record<string | number, unknown>)[path[path.length - 1]!] = value
}
