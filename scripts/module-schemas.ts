// The root schema.graphql, printed from the modules' own parts (src/modules/<area>/schema.graphql):
// shared first, then the modules by name, each type with its extensions folded in so clients and
// docs read one plain schema. graphql-js's printSchema would drop the @ovhEnum marks the gateway
// reads (open-enums/), so the merged document is printed as it was parsed: descriptions and
// directives kept; `#` comments stay in the module files, where they explain the source.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Kind, buildASTSchema, parse, print, validateSchema } from 'graphql'
import type { DefinitionNode, DocumentNode } from 'graphql'
import { packageRoot } from '../src/paths.js'

export const modulesPath = path.join(packageRoot, 'src', 'modules')

/** The schema files merged into schema.graphql, shared's first. */
export function moduleSchemaFiles (): string[] {
  const areas = readdirSync(modulesPath, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && existsSync(path.join(modulesPath, entry.name, 'schema.graphql')))
    .map(entry => entry.name)
    .sort()
  return ['shared', ...areas.filter(area => area !== 'shared')].map(area => path.join(modulesPath, area, 'schema.graphql'))
}

const header = '# Printed by `npm run schema:print` from src/modules/*/schema.graphql: edit those, not this file.\n\n'

// The lists an extension adds to its type, by the kind of definition they go to.
const listsOf = ['fields', 'values', 'interfaces', 'directives', 'types'] as const
type Mergeable = { [key in typeof listsOf[number]]?: readonly unknown[] }

function isExtension (definition: DefinitionNode): definition is DefinitionNode & { name: { value: string } } {
  return definition.kind.endsWith('Extension') && definition.kind !== Kind.SCHEMA_EXTENSION
}

/** Folds every `extend type X` into X's definition, wherever X is defined; the order is kept. */
export function foldExtensions (document: DocumentNode): DocumentNode {
  const definitions: DefinitionNode[] = []
  const byName = new Map<string, number>()
  for (const definition of document.definitions) {
    if (isExtension(definition)) continue
    if ('name' in definition && definition.name !== undefined) byName.set(definition.name.value, definitions.length)
    definitions.push(definition)
  }
  for (const extension of document.definitions) {
    if (!isExtension(extension)) continue
    const at = byName.get(extension.name.value)
    if (at === undefined) throw new Error(`extend type ${extension.name.value}: no module defines ${extension.name.value}`)
    const merged: Record<string, unknown> = { ...definitions[at] }
    for (const list of listsOf) {
      const added = (extension as Mergeable)[list]
      if (added !== undefined && added.length > 0) merged[list] = [...((merged[list] as unknown[] | undefined) ?? []), ...added]
    }
    definitions[at] = merged as unknown as DefinitionNode
  }
  return { kind: Kind.DOCUMENT, definitions }
}

/** schema.graphql as the module files print it; throws when they do not make a valid schema. */
export function printModuleSchemas (files: string[] = moduleSchemaFiles()): string {
  const definitions = files.flatMap(file => {
    try {
      return parse(readFileSync(file, 'utf8'), { noLocation: true }).definitions
    } catch (error) {
      throw new Error(`${path.relative(packageRoot, file)}: ${(error as Error).message}`)
    }
  })
  const document = foldExtensions({ kind: Kind.DOCUMENT, definitions })
  const errors = validateSchema(buildASTSchema(document))
  if (errors.length > 0) throw new Error('the module schemas do not make a valid schema:\n' + errors.map(error => error.message).join('\n'))
  return header + print(document) + '\n'
}
