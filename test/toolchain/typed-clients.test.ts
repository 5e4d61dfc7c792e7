// The typed clients of docs/typed-clients.md compile: GraphQL Code Generator's client preset on
// schema.graphql, and openapi-typescript on the served OpenAPI document with openapi-fetch. Each
// is generated into a temporary folder with the guide's own client file, then type-checked with
// TypeScript's API (no process spawned, no network). The client files also hold mistakes a typed
// client must refuse (@ts-expect-error), so that `any` everywhere would fail too.
import t from 'tap'
import { mkdtemp, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'
import { generate } from '@graphql-codegen/cli'
import type { CodegenConfig } from '@graphql-codegen/cli'
import openapiTS, { astToString } from 'openapi-typescript'
import { tsImport } from 'tsx/esm/api'
import { build } from '../helper.js'
import { graphqlSchemaPath, packageRoot } from '../../src/paths.js'

// The guide's code blocks, by the file name written on their first line (// src/client.ts).
async function guideFiles (): Promise<Map<string, string>> {
  const guide = await readFile(path.join(packageRoot, 'docs', 'typed-clients.md'), 'utf8')
  const files = new Map<string, string>()
  for (const [, code] of guide.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = /^\/\/ (\S+\.ts)\n/.exec(code!)?.[1]
    if (name !== undefined) files.set(name, code!)
  }
  return files
}

function typeErrors (dir: string, files: string[]): string[] {
  const program = ts.createProgram(files.map(file => path.join(dir, file)), {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: []
  })
  return ts.getPreEmitDiagnostics(program).map(diagnostic =>
    `${diagnostic.file ? path.relative(dir, diagnostic.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
}

t.test('the typed clients of docs/typed-clients.md compile', async t => {
  const started = Date.now()
  const ctx = await build(t)
  const openapi = (await ctx.app.inject('/openapi.json')).json()
  const built = Date.now()
  const guide = await guideFiles()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-typed-clients-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  // The generated code imports openapi-fetch and @graphql-typed-document-node/core: the
  // repository's own installs.
  await symlink(path.join(packageRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
  await mkdir(path.join(dir, 'src'))
  for (const [name, code] of guide) await writeFile(path.join(dir, name), code)
  t.same([...guide.keys()].sort(), ['codegen.ts', 'src/graphql-client.ts', 'src/rest-client.ts'], 'the guide has the codegen config and both clients')

  // GraphQL: what `npx graphql-codegen` does with the guide's codegen.ts, through the same API,
  // on schema.graphql itself.
  // The guide's codegen.ts is TypeScript, and the tests run compiled, with no loader: tsx imports it.
  const { default: codegen } = await tsImport(path.join(dir, 'codegen.ts'), import.meta.url) as { default: CodegenConfig }
  await generate({ ...codegen, schema: graphqlSchemaPath, cwd: dir, silent: true }, true)
  const graphqlDone = Date.now()
  // REST: what `npx openapi-typescript openapi.json -o src/api.d.ts` writes.
  await writeFile(path.join(dir, 'src', 'api.d.ts'), astToString(await openapiTS(openapi)))

  const restDone = Date.now()
  const errors = typeErrors(dir, ['src/graphql-client.ts', 'src/rest-client.ts'])
  t.same(errors, [], 'no type error')
  t.comment(`app ${built - started} ms, GraphQL types ${graphqlDone - built} ms, REST types ${restDone - graphqlDone} ms, type check ${Date.now() - restDone} ms`)
})
