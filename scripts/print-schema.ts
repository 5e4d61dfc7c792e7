// Writes schema.graphql from the modules' schema files (scripts/module-schemas.ts says how), then
// the resolvers' types generated from it (scripts/resolver-types.ts).
import { writeFile } from 'node:fs/promises'
import { graphqlSchemaPath } from '../src/paths.js'
import { printModuleSchemas } from './module-schemas.js'
import { resolverTypes, resolverTypesPath } from './resolver-types.js'

await writeFile(graphqlSchemaPath, printModuleSchemas())
await writeFile(resolverTypesPath, await resolverTypes())
process.stdout.write('schema.graphql and src/graphql/generated/resolvers-types.ts written\n')
