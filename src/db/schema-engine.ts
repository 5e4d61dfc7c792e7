// Loads Prisma's schema engine compiled to WebAssembly and binds it to a PostgreSQL driver adapter.
// Prisma's native engine is a binary the CLI downloads at run time, which these machines cannot do;
// the WebAssembly build is the same engine shipped as an npm package (docs/TOOLCHAIN.md).
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'

export type { SchemaEngine }

type WasmExports = Record<string, unknown> & { __wbindgen_start: () => void }
// @types/node 20 does not declare the WebAssembly global; this is the one call used.
interface WasmApi { instantiate (bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }> }
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WasmApi }

let loading: Promise<void> | undefined

// Node 20 cannot import the package entry (it imports a .wasm file), so the module is instantiated
// here by hand, once per process.
function loadWasm (): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url)
    // The .wasm file is not in the package's exports: find it beside the exported glue module.
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const wasmPath = path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')
    const bytes = await readFile(wasmPath)
    const imports: Record<string, unknown> = { ...bg }
    for (const name of Object.keys(bg)) {
      // The engine arms a 10 s timer that would keep the process alive after its work is done.
      if (name.startsWith('__wbg_setTimeout_')) {
        const setTimer = (bg as unknown as Record<string, (...args: unknown[]) => NodeJS.Timeout>)[name]
        imports[name] = (...args: unknown[]) => setTimer(...args).unref()
      }
    }
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': imports })
    const exports = instance.exports as WasmExports
    bg.__wbg_set_wasm(exports as never)
    exports.__wbindgen_start()
  })()
  return loading
}

// Without a registry a Rust panic surfaces as "reading 'set_message'" instead of its own message.
const panic = { message: '' }
;(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
  set_message (message: string) { panic.message = message }
}

export interface BoundEngine {
  engine: SchemaEngine
  // Turns the engine's "External error id#N" into the driver's real error.
  explain (err: unknown): Error
}

export async function openSchemaEngine (
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string, content: string }
): Promise<BoundEngine> {
  await loadWasm()
  const bound = bindMigrationAwareSqlAdapterFactory(factory)
  const explain = (err: unknown): Error => {
    const message = err instanceof Error ? err.message : String(err)
    const match = /External error id#(\d+)/.exec(message)
    if (match) {
      const record = bound.errorRegistry.consumeError(Number(match[1]))
      if (record?.error) {
        const inner = record.error as { message?: string, kind?: string, originalMessage?: string }
        return new Error(`schema engine: ${inner.originalMessage ?? inner.message ?? inner.kind ?? JSON.stringify(inner)}`)
      }
    }
    if (panic.message) return new Error(`schema engine panicked: ${panic.message}`)
    return err instanceof Error ? err : new Error(message)
  }
  try {
    const engine = await bg.SchemaEngine.new({ datamodels: [[datamodel.path, datamodel.content]] }, () => {}, bound)
    return { engine, explain }
  } catch (err) {
    throw explain(err)
  }
}
