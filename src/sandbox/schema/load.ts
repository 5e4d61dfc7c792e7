// Loads OVH's vendored API descriptions once per process and indexes operations and models.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RawModel, RawSchemaFile, SchemaOperation } from './types.js'

export interface OvhSchema {
  readonly directory: string
  readonly files: ReadonlyMap<string, RawSchemaFile>
  // `path` is the schema template, e.g. '/domain/{serviceName}'.
  operation (method: string, path: string): SchemaOperation | undefined
  operations (): SchemaOperation[]
  // Model names are not unique across files (services.Service differs between domain.json and
  // services.json): the operation's own file wins, then any other file.
  model (name: string, preferFile?: string): RawModel | undefined
}

const SCHEMA_FOLDER = join('ovh-api', 'v1-eu')

// Walk up from this file until the package root: works from src/ (tsx, tap) and from dist/src/.
export function findSchemaDirectory (from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (;;) {
    const candidate = join(dir, SCHEMA_FOLDER)
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`OVH API schemas not found: no ${SCHEMA_FOLDER} above ${from}`)
    dir = parent
  }
}

export function loadOvhSchema (directory = findSchemaDirectory()): OvhSchema {
  const files = new Map<string, RawSchemaFile>()
  for (const entry of readdirSync(directory).filter(name => name.endsWith('.json')).sort()) {
    files.set(entry.slice(0, -'.json'.length), JSON.parse(readFileSync(join(directory, entry), 'utf8')) as RawSchemaFile)
  }

  const byKey = new Map<string, SchemaOperation>()
  for (const [file, content] of files) {
    for (const api of content.apis) {
      for (const operation of api.operations) {
        byKey.set(`${operation.httpMethod} ${api.path}`, { ...operation, path: api.path, file })
      }
    }
  }

  return {
    directory,
    files,
    operation (method, path) {
      return byKey.get(`${method.toUpperCase()} ${path}`)
    },
    operations () {
      return [...byKey.values()]
    },
    model (name, preferFile) {
      if (preferFile !== undefined) {
        const own = files.get(preferFile)?.models[name]
        if (own !== undefined) return own
      }
      for (const content of files.values()) {
        const found = content.models[name]
        if (found !== undefined) return found
      }
      return undefined
    }
  }
}

let shared: OvhSchema | undefined

// About 2 MB of JSON: parse it once per process, whatever the number of sandboxes.
export function sharedOvhSchema (): OvhSchema {
  shared ??= loadOvhSchema()
  return shared
}
