// The schema the gateway serves is schema.graphql, descriptions included: clients generate their
// code from introspection, and the checked-in file is what reviewers read.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { buildClientSchema, buildSchema, getIntrospectionQuery, printSchema } from 'graphql'
import type { IntrospectionQuery } from 'graphql'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { packageRoot } from '../../src/paths.js'

t.test('introspection answers schema.graphql', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)
  const answer = await graphql(ctx, user.apiKey, getIntrospectionQuery({ descriptions: true }))
  t.equal(answer.statusCode, 200)
  const served = printSchema(buildClientSchema(answer.body.data as IntrospectionQuery))
  const file = printSchema(buildSchema(await readFile(path.join(packageRoot, 'schema.graphql'), 'utf8')))
  // Line by line, so that a difference names itself.
  const servedLines = served.split('\n')
  const fileLines = file.split('\n')
  const firstDifference = fileLines.findIndex((line, i) => line !== servedLines[i])
  t.equal(firstDifference, -1, firstDifference === -1 ? 'identical' : `first difference at line ${firstDifference + 1}:\n  file:   ${fileLines[firstDifference]}\n  served: ${servedLines[firstDifference]}`)
  t.equal(servedLines.length, fileLines.length)
})
