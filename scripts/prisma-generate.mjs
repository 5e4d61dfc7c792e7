// Runs `prisma generate` without letting the Prisma CLI download its native schema engine, which
// these machines cannot reach: generate never runs the engine, it only checks that a file exists
// (docs/TOOLCHAIN.md "Prisma 7 without its native engines").
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, 'package.json'),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1'
}
const prisma = path.join(root, 'node_modules', 'prisma', 'build', 'index.js')
const result = spawnSync(process.execPath, [prisma, 'generate', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' })
process.exit(result.status ?? 1)
