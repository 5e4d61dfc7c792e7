// docs/errors.md and docs/configuration.md are what their sources give: a new error code or
// variable (the compiler asks for its reference line) shows in the docs once generated.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { packageRoot } from '../../src/paths.js'
import { configurationPage, errorsPage } from '../../scripts/docs-pages.js'

for (const [page, render] of [['errors.md', errorsPage], ['configuration.md', configurationPage]] as const) {
  t.test(`docs/${page} is up to date (npm run docs:generate)`, async t => {
    const written = await readFile(path.join(packageRoot, 'docs', page), 'utf8')
    t.equal(written, render(), `run \`npm run docs:generate\` and commit docs/${page}`)
  })
}
