// The depth and size limits, as graphql-js validation sees them: fields nested and counted with
// fragments expanded, the `ofType` chains of introspection not counted for depth (so GraphiQL's
// schema query fits the default of 10), and each fragment walked once however often it is spread.
import t from 'tap'
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql'
import { maxDepthRule, maxFieldsRule } from '../../src/graphql/limits.js'
import { countSelectionReads, nestedFragmentsQuery, nestedFragmentsValidQuery } from '../support/graphql-documents.js'

const schema = buildSchema(`
  type Query { me: Node }
  type Node { name: String, child: Node, ofType: Node }
`)

function depthErrors (query: string, max: number): string[] {
  return validate(schema, parse(query), [maxDepthRule(max)]).map(error => error.message)
}

t.test('fields nested count, one level each', async t => {
  t.same(depthErrors('{ me { child { name } } }', 3), [])
  t.same(depthErrors('{ me { child { child { name } } } }', 3), ["the query's depth (4) exceeds the limit of 3; ask for less nesting"])
})

t.test('fragments count where they are spread; inline fragments add no level', async t => {
  t.same(depthErrors('{ me { ...deep } } fragment deep on Node { child { child { name } } }', 3), ["the query's depth (4) exceeds the limit of 3; ask for less nesting"])
  t.same(depthErrors('{ me { ... on Node { child { name } } } }', 3), [])
  // Spread many times over, each fragment is walked once per context.
  const fanOut = Array.from({ length: 30 }, (_, i) => `fragment f${i} on Node { child { ...f${i + 1} } name }`).join(' ') + ' fragment f30 on Node { name }'
  t.same(depthErrors(`{ me { ...f0 ...f0 } } ${fanOut}`, 40), [])
})

t.test('an ofType chain counts only inside introspection', async t => {
  t.same(depthErrors('{ __type(name: "Node") { ofType { ofType { ofType { ofType { name } } } } } }', 2), [])
  t.same(depthErrors('{ me { ofType { ofType { name } } } }', 3), ["the query's depth (4) exceeds the limit of 3; ask for less nesting"], 'a field of that name elsewhere counts')
})

t.test('GraphiQL\'s schema query passes the default limit with every specified rule', async t => {
  t.same(validate(schema, parse(getIntrospectionQuery()), [...specifiedRules, maxDepthRule(10)]), [])
  t.same(depthErrors(getIntrospectionQuery(), 5), ["the query's depth (6) exceeds the limit of 5; ask for less nesting"], 'its own depth: __schema types fields args type name')
})

function fieldErrors (query: string, max: number): string[] {
  return validate(schema, parse(query), [maxFieldsRule(max)]).map(error => error.message)
}

t.test('fields count with fragments expanded, wherever they are spread', async t => {
  t.same(fieldErrors('{ me { name child { name } } }', 4), [])
  t.same(fieldErrors('{ me { name child { name child { name } } } }', 4), ['the query selects more than 4 fields; split it'])
  // me + (name, child, child.name) twice over: 8 fields.
  const twice = '{ me { ...three } other: me { ...three } } fragment three on Node { name child { name } }'
  t.same(fieldErrors(twice, 8), [])
  t.same(fieldErrors(twice, 7), ['the query selects more than 7 fields; split it'])
  t.same(fieldErrors('{ me { ... on Node { name child { name } } } }', 4), [], 'inline fragments are their fields')
})

t.test('fragment spreads count too, expanded: a chain of spreads selects few fields', async t => {
  t.same(fieldErrors(nestedFragmentsValidQuery(3), 20), [], '9 fields, 15 spreads')
  t.same(fieldErrors(nestedFragmentsValidQuery(4), 20), [
    'the query spreads fragments more than 20 times, counted expanded; split it',
    'fragment F0 spreads fragments more than 20 times, counted expanded; split it'
  ], '17 fields, 31 spreads')
})

t.test('a fragment too big for any query is refused, even unused', async t => {
  t.same(fieldErrors(`{ me { name } } fragment wide on Node { ${'name '.repeat(11)}}`, 10), ['fragment wide selects more than 10 fields; split it'])
})

t.test('each fragment is walked once, however often and deep it is spread', async t => {
  for (const n of [24, 25, 30, 60]) {
    const document = parse(nestedFragmentsQuery(n), { noLocation: true })
    const work = countSelectionReads(document)
    const errors = validate(schema, document, [maxDepthRule(10), maxFieldsRule(500)])
    t.ok(errors.some(error => error.message === 'the query spreads fragments more than 500 times, counted expanded; split it'), `n=${n}: refused`)
    // graphql-js's visit reads each set once, each rule's walk once more: 2^n before the fix.
    t.ok(work.reads() <= 4 * work.selectionSets, `n=${n}: ${work.reads()} reads of ${work.selectionSets} selection sets`)
  }
})
