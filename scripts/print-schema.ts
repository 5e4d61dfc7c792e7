// Writes schema.graphql from the modules' schema files (scripts/module-schemas.ts says how).
import { writeFile } from 'node:fs/promises'
import { graphqlSchemaPath } from '../src/paths.js'
import { printModuleSchemas } from './module-schemas.js'

await writeFile(graphqlSchemaPath, printModuleSchemas())
process.stdout.write('schema.graphql written\n')
