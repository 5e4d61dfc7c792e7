// schema.graphql, which clients, docs and the gateway read, is what the modules' schema files print
// (scripts/module-schemas.ts), and the resolvers' types are generated from it: editing one without
// the other fails here.
import t from 'tap'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { assertObjectType, buildSchema } from 'graphql'
import { graphqlSchemaPath } from '../../src/paths.js'
import { moduleSchemaFiles, modulesPath, printModuleSchemas } from '../../scripts/module-schemas.js'
import { resolverTypesPath, resolverTypesSource } from '../../scripts/resolver-types.js'

t.test('schema.graphql is printed from src/modules/*/schema.graphql (npm run schema:print)', async t => {
  const written = await readFile(graphqlSchemaPath, 'utf8')
  t.equal(written, printModuleSchemas(), 'run `npm run schema:print` and commit schema.graphql')
})

t.test('the resolvers\' types are generated from schema.graphql as it is (npm run schema:print)', async t => {
  // The generated file's header records what it was made from (scripts/resolver-types.ts).
  const generated = await readFile(resolverTypesPath, 'utf8')
  t.equal(generated.split('\n')[1] + '\n', await resolverTypesSource(), 'run `npm run schema:print` and commit src/graphql/generated/resolvers-types.ts')
})

t.test('shared is printed first, then the modules by name', async t => {
  const areas = moduleSchemaFiles().map(file => path.relative(modulesPath, path.dirname(file)))
  t.equal(areas[0], 'shared')
  t.same(areas.slice(1), [...areas.slice(1)].sort())
  t.ok(areas.includes('domains') && areas.includes('dns'), areas.join(', '))
})

t.test('a module\'s extensions are folded into the type another module defines', async t => {
  const schema = buildSchema(printModuleSchemas())
  const domain = assertObjectType(schema.getType('Domain'))
  // Defined by domains, extended by dns, contacts, tasks, whois and node.
  for (const field of ['name', 'dnsZone', 'owner', 'tasks', 'whois', 'id']) t.ok(domain.getFields()[field], `Domain.${field}`)
  t.match(printModuleSchemas(), /enum DomainState @ovhEnum \{/, 'directives are printed')
  t.notMatch(printModuleSchemas(), /^extend /m, 'no extension is left')
})

t.test('module files that do not make a valid schema are refused with the file or the reason', async t => {
  const dir = await mkdtemp(path.join(tmpdir(), 'module-schemas-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const shared = path.join(dir, 'shared.graphql')
  await writeFile(shared, '"Reads."\ntype Query\n')
  const orphan = path.join(dir, 'orphan.graphql')
  await writeFile(orphan, 'extend type Missing { "A field." a: Int }\n')
  t.throws(() => printModuleSchemas([shared, orphan]), /no module defines Missing/)
  const broken = path.join(dir, 'broken.graphql')
  await writeFile(broken, 'extend type Query {\n')
  t.throws(() => printModuleSchemas([shared, broken]), /broken\.graphql: Syntax Error/)
  const twice = path.join(dir, 'twice.graphql')
  await writeFile(twice, 'extend type Query { "A." a: Int }\nextend type Query { "A again." a: Int }\n')
  t.throws(() => printModuleSchemas([shared, twice]), /Field "Query\.a" can only be defined once/)
  t.throws(() => printModuleSchemas([shared]), /Query must define one or more fields/)
})
