// Prisma 7 reads its datasource from here. The CLI is only used for `prisma generate` (and
// validate/format): migrations run through Prisma's WebAssembly schema engine (src/db/migrator.ts).
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' }
})
