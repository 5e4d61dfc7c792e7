// Where GraphiQL's browser files are: the UMD builds of the graphiql, react and react-dom packages
// in this checkout's node_modules. They are development dependencies (a production image installs
// none of them and keeps GraphiQL off by default), so their absence is an answer, not an error.
import { createRequire } from 'node:module'
import path from 'node:path'

export interface GraphiqlAsset {
  // The package folder @fastify/static serves from, and the file in it.
  root: string
  file: string
}

// The names the page asks for, in the order it loads them: React first, GraphiQL last.
export const GRAPHIQL_ASSET_FILES = {
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js']
} as const

export type GraphiqlAssetName = keyof typeof GRAPHIQL_ASSET_FILES

const require = createRequire(import.meta.url)

/** The asset files by name, or null when the packages are not installed. */
export function findGraphiqlAssets (): Record<GraphiqlAssetName, GraphiqlAsset> | null {
  const found: Partial<Record<GraphiqlAssetName, GraphiqlAsset>> = {}
  for (const [name, [pkg, file]] of Object.entries(GRAPHIQL_ASSET_FILES) as Array<[GraphiqlAssetName, readonly [string, string]]>) {
    let root: string
    try {
      root = path.dirname(require.resolve(`${pkg}/package.json`))
    } catch {
      return null
    }
    found[name] = { root, file }
  }
  return found as Record<GraphiqlAssetName, GraphiqlAsset>
}
