// ajv over the OpenAPI document's schemas (OpenAPI 3.1 = JSON Schema 2020-12): whether a value, a
// path or query parameter as sent in a URL, or an answer's body fits its schema. The document's
// `#/components/...` references are rewritten to `openapi#/components/...` so that any schema of
// the document compiles on its own.
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

// A schema of the document, as JSON (schema-arbitrary.ts draws values from it).
export type JsonSchema = Record<string, any>

// ajv-formats is CommonJS: its default export arrives wrapped once more under tsx and tap.
type AddFormats = (ajv: Ajv2020) => unknown
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats

const DOCUMENT_ID = 'openapi'

export interface SchemaValidator {
  accepts (schema: JsonSchema, value: unknown): boolean
  /** A parameter as its text in the URL (a list comma-separated), read as the server reads it. */
  acceptsParam (schema: JsonSchema, text: string): boolean
  errors (schema: JsonSchema, value: unknown): ErrorObject[]
  resolve (schema: JsonSchema): JsonSchema
}

function rewriteRefs (node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs)
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(Object.entries(node).map(([key, value]) =>
    [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${DOCUMENT_ID}${value}` : rewriteRefs(value)]))
}

export function documentWithAbsoluteRefs<T> (document: T): T {
  return rewriteRefs(document) as T
}

export function createValidator (document: { components?: unknown }): SchemaValidator {
  const make = (coerceTypes: boolean | 'array') => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, validateFormats: true })
    addFormats(ajv)
    ajv.addSchema({ $id: DOCUMENT_ID, components: document.components }, DOCUMENT_ID)
    const cache = new WeakMap<JsonSchema, ValidateFunction>()
    return (schema: JsonSchema): ValidateFunction => {
      let validate = cache.get(schema)
      if (!validate) {
        validate = ajv.compile(schema)
        cache.set(schema, validate)
      }
      return validate
    }
  }
  const strict = make(false)
  const coercing = make('array')

  function resolve (schema: JsonSchema): JsonSchema {
    let current = schema
    while (typeof current?.$ref === 'string' && current.$ref.startsWith(`${DOCUMENT_ID}#/`)) {
      const target = current.$ref.slice(`${DOCUMENT_ID}#/`.length).split('/').reduce((node: any, key: string) => node?.[key], document)
      if (target === undefined) throw new Error(`${current.$ref} points nowhere`)
      current = target
    }
    return current
  }

  return {
    accepts: (schema, value) => strict(schema)(structuredClone(value)),
    acceptsParam (schema, text) {
      const target = resolve(schema)
      const value = target.type === 'array' ? (text === '' ? [] : text.split(',')) : text
      // Coercion writes into its parent: validate inside a holder.
      return coercing({ type: 'object', properties: { value: schema }, required: ['value'] })({ value })
    },
    errors (schema, value) {
      const validate = strict(schema)
      validate(structuredClone(value))
      return validate.errors ?? []
    },
    resolve
  }
}
