// Every module is in the one list (src/modules/index.ts) that the REST and GraphQL plugins register
// from: a module folder left out of it, or a resolver file left out of its module, fails here
// instead of leaving its routes or fields unanswered.
import t from 'tap'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { modules } from '../../src/modules/index.js'
import { modulesPath } from '../../scripts/module-schemas.js'

// The modules as this test runs them: compiled in .test-build/ (scripts/test-build.ts), where an
// import of the .ts source would load a second copy of each module, or the sources themselves.
const runningModules = path.dirname(fileURLToPath(import.meta.resolve('../../src/modules/index.js')))
const runningExtension = path.extname(fileURLToPath(import.meta.url))

const folders = readdirSync(modulesPath, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name)

t.test('each module is named after its folder, once', async t => {
  const names = modules.map(area => area.name)
  t.same([...new Set(names)], names, 'no module twice')
  for (const name of names) t.ok(existsSync(path.join(modulesPath, name, 'index.ts')), `src/modules/${name}/index.ts`)
})

t.test('each folder with a schema file is a module in the list, and each module has one', async t => {
  const withSchema = folders.filter(folder => folder !== 'shared' && existsSync(path.join(modulesPath, folder, 'schema.graphql')))
  t.same(modules.map(area => area.name).sort(), withSchema.sort())
})

t.test('each resolver object of a module folder is in its module', async t => {
  for (const area of modules) {
    const files = readdirSync(path.join(modulesPath, area.name)).filter(file => /(^|-)resolvers\.ts$/.test(file))
    for (const file of files) {
      const exported = await import(pathToFileURL(path.join(runningModules, area.name, file.replace(/\.ts$/, runningExtension))).href) as Record<string, unknown>
      for (const [name, value] of Object.entries(exported)) {
        if (!name.endsWith('Resolvers') || typeof value !== 'object') continue
        t.ok(area.resolvers?.includes(value as never), `${area.name}/${file}: ${name} is in ${area.name}/index.ts`)
      }
    }
  }
})
