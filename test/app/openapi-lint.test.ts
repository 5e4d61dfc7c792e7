// The served OpenAPI document passes Redocly's recommended ruleset with no error: what a client
// generator or a portal importing it would trip on. Warnings are listed, not failed.
import t from 'tap'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { build } from '../helper.js'

t.test('Redocly\'s recommended rules find no error', async t => {
  const ctx = await build(t)
  const source = (await ctx.app.inject('/openapi.json')).body
  const config = await createConfig({ extends: ['recommended'] })
  const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config })
  const errors = problems.filter(problem => problem.severity === 'error')
  const warnings = problems.filter(problem => problem.severity === 'warn')
  // Known warnings: info-license (the gateway is unlicensed, private), no-unused-components
  // (ProblemInput, the input twin zod's registry makes of the Problem answer schema).
  t.comment(`${warnings.length} warnings: ${warnings.map(problem => `${problem.ruleId} ${problem.location[0]?.pointer ?? ''}`).join(', ')}`)
  t.same(errors.map(problem => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`), [])
})
