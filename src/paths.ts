// Files the gateway reads at run time, resolved from the package root so that the compiled build
// (dist/src/...) finds the same files as tsx does (src/...).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot (): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
  return dir
}

export const packageRoot = findRoot()
export const graphqlSchemaPath = path.join(packageRoot, 'schema.graphql')
export const prismaSchemaPath = path.join(packageRoot, 'prisma', 'schema.prisma')
export const migrationsPath = path.join(packageRoot, 'prisma', 'migrations')
