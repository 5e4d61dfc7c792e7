// GraphiQL is served whole by the gateway (no CDN): its page, the GraphiQL and React builds from
// node_modules, and, where it is on, the schema's introspection without an API key; nothing else
// of the API opens up, and with GraphiQL off introspection needs a key as every query does.
import t from 'tap'
import { getIntrospectionQuery } from 'graphql'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'

t.test('the page and its assets come from the gateway itself', async t => {
  const ctx = await build(t, { env: { GRAPHIQL: 'true' } })
  const page = await ctx.app.inject('/graphiql')
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.notMatch(page.body, /unpkg|https?:\/\//, 'no script, style or request leaves the gateway')
  const assets = [...page.body.matchAll(/(?:src|href)="(graphiql\/assets\/[^"]+)"/g)].map(match => match[1])
  t.same(assets, ['graphiql/assets/graphiql.min.css', 'graphiql/assets/react.production.min.js', 'graphiql/assets/react-dom.production.min.js', 'graphiql/assets/graphiql.min.js'])
  for (const asset of assets) {
    const answer = await ctx.app.inject(`/${asset}`)
    t.equal(answer.statusCode, 200, asset)
    t.match(answer.headers['content-type'], asset.endsWith('.css') ? /^text\/css/ : /^application\/javascript/, `${asset} type`)
    t.ok(answer.body.length > 1_000, `${asset} is the build, not a stub`)
  }
  t.match((await ctx.app.inject('/graphiql/assets/graphiql.min.js')).body, /GraphiQL/)
  t.match(page.body, /defaultHeaders: "\{\\n {2}\\"Authorization\\": \\"Bearer \\u003cAPI key>\\"\\n\}"/, 'the Headers tab shows where the key goes, without any key')

  for (const other of ['/graphiql/assets/package.json', '/graphiql/assets/..%2Fpackage.json', '/graphiql/assets/index.js']) {
    const refused = await ctx.app.inject(other)
    t.equal(refused.statusCode, 404, `${other}: only the named files`)
    t.match(refused.json(), { code: 'NOT_FOUND' })
  }
})

t.test('with GraphiQL on, the schema is readable without a key; nothing else is', async t => {
  const ctx = await build(t, { env: { GRAPHIQL: 'true' } })
  const introspection = await graphql(ctx, null, getIntrospectionQuery())
  t.equal(introspection.statusCode, 200, 'GraphiQL\'s own introspection query')
  t.ok((introspection.body.data as { __schema: { types: unknown[] } }).__schema.types.length > 50)
  t.same((await graphql(ctx, null, '{ __typename }')).body, { data: { __typename: 'Query' } })

  const refused = [
    '{ me { role } }',
    '{ __schema { queryType { name } } me { role } }',
    '{ ...root } fragment root on Query { me { role } }',
    'query A { __typename } query B { me { role } }',
    'mutation { __typename }'
  ]
  for (const query of refused) {
    const answer = await graphql(ctx, null, query)
    t.match(answer.body, { data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'missing' } }] }, query)
  }
  // What an open introspection could cost is bounded by graphql-js's MaxIntrospectionDepthRule.
  const amplified = await graphql(ctx, null, '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }')
  t.equal(amplified.statusCode, 400)
  t.match(amplified.body, { data: undefined, errors: [{ message: /Maximum introspection depth exceeded/, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })
  const user = await seedUser(ctx)
  t.match((await graphql(ctx, user.apiKey, '{ me { role } }')).body, { data: { me: { role: 'admin' } } }, 'with a key, as before')
})

t.test('with GraphiQL off, there is no page and introspection needs a key', async t => {
  const ctx = await build(t, { env: { GRAPHIQL: 'false' } })
  t.equal((await ctx.app.inject('/graphiql')).statusCode, 404)
  t.equal((await ctx.app.inject('/graphiql/assets/graphiql.min.js')).statusCode, 404)
  const answer = await graphql(ctx, null, '{ __schema { queryType { name } } }')
  t.equal(answer.statusCode, 401)
  t.match(answer.body, { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] })
  // Any client's schema query (code generators, IDE plugins) fits the default depth limit of 10.
  const user = await seedUser(ctx)
  const introspection = await graphql(ctx, user.apiKey, getIntrospectionQuery())
  t.equal(introspection.statusCode, 200, 'getIntrospectionQuery() with a key')
})
