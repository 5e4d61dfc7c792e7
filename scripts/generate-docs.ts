// Writes the generated reference pages (scripts/docs-pages.ts says which, and from what).
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { packageRoot } from '../src/paths.js'
import { configurationPage, errorsPage } from './docs-pages.js'

await writeFile(path.join(packageRoot, 'docs', 'errors.md'), errorsPage())
await writeFile(path.join(packageRoot, 'docs', 'configuration.md'), configurationPage())
process.stdout.write('docs/errors.md and docs/configuration.md written\n')
