// neostandard is the style of the Fastify and Mercurius codebases this project follows (STYLE.md 17).
import neostandard from 'neostandard'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'

export default [
  ...neostandard({
    ts: true,
    ignores: ['dist/**', '.test-build/**', 'src/generated/**', 'src/graphql/generated/**', 'coverage/**', '.tap/**', '.data/**', 'node_modules/**']
  }),
  // No import cycles (CONTRIBUTING.md). Imports name the compiled `.js` of a `.ts` file, hence the
  // extension alias. The rule skips `import type` (erased before anything runs, so it cannot leave
  // a module half-initialised); there are no type-only cycles either (`npx madge --circular`).
  // ignoreExternal keeps it from parsing node_modules, which tripled the lint's time.
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })]
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }]
    }
  },
  // Resolvers are typed from the schema (src/graphql/generated/resolvers-types.ts, `npm run
  // schema:print`): arguments, context and parents, none of them `any`.
  {
    files: ['src/modules/**/resolvers.ts', 'src/modules/**/*-resolvers.ts', 'src/mirror/status-resolvers.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error'
    }
  }
]
