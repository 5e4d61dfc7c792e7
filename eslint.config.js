// neostandard is the style of the Fastify and Mercurius codebases this project follows (STYLE.md 17).
import neostandard from 'neostandard'

export default neostandard({
  ts: true,
  ignores: ['dist/**', 'src/generated/**', 'coverage/**', '.tap/**', '.data/**', 'node_modules/**']
})
