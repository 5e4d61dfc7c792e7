// The depth limit, as graphql-js validation sees it: fields nested, fragments expanded, the
// `ofType` chains of introspection not counted (so GraphiQL's schema query fits the default of 10).
import t from 'tap'
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql'
import { maxDepthRule } from '../../src/graphql/limits.js'

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
