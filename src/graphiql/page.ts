// The GraphiQL page: GraphiQL 3 on React 18 from the gateway's own /graphiql/assets (plugin.ts),
// talking to the /graphql beside it. The API key goes in the Headers tab; it is never put in the
// page, which anyone who reaches the gateway can load.
import { GRAPHIQL_ASSET_FILES } from './assets.js'

const DEFAULT_QUERY = `# Add your API key in the Headers tab below:
#   {"Authorization": "Bearer <API key>"}
# (the zero-configuration start prints the demo key and writes it to <DATA_DIR>/demo.json).

{
  me { user { email } role tenant { name } credential { state expiresAt } }
  domains(first: 10) { totalCount edges { node { name state expirationDate } } }
}
`

const DEFAULT_HEADERS = '{\n  "Authorization": "Bearer <API key>"\n}'

export function graphiqlPage (): string {
  const scripts = Object.keys(GRAPHIQL_ASSET_FILES).filter(name => name.endsWith('.js'))
  // JSON.stringify and the escaped '<' keep the strings inert inside the script element.
  const literal = (value: string) => JSON.stringify(value).replaceAll('<', '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GraphiQL · OVH Reseller Gateway</title>
  <link rel="stylesheet" href="graphiql/assets/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
${scripts.map(name => `  <script src="graphiql/assets/${name}"></script>`).join('\n')}
  <script>
    const fetcher = GraphiQL.createFetcher({ url: new URL('graphql', window.location.href).href })
    ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${literal(DEFAULT_QUERY)},
      defaultHeaders: ${literal(DEFAULT_HEADERS)},
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: true
    }))
  </script>
</body>
</html>
`
}
