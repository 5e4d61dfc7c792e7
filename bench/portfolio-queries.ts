// `npx tsx bench/portfolio-queries.ts [rows...]`: portfolio queries on the mirror (the reads'
// own functions, src/mirror/portfolio.ts) at 10,000 and 100,000 domains of one account, beside
// 10,000 of another tenant: median and p95 per query, and the plan PostgreSQL chose for each
// (index range scans, no sequential scan of the table). Standalone, not yet in `npm run bench`:
// it measures the database side only, without HTTP or GraphQL (see BENCHMARKS.md "Portfolio").
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { applyMigrations } from '../src/db/migrator.js'
import { createPrismaClient } from '../src/db/client.js'
import { Prisma } from '../src/generated/prisma/client.js'
import { portfolioCounts, portfolioPage, portfolioTotal } from '../src/mirror/portfolio.js'
import type { ReadyView } from '../src/mirror/portfolio.js'
import { portfolioConditions, whereSql } from '../src/mirror/portfolio-filter.js'
import { domainAccessOf } from '../src/mirror/access.js'
import { createMirrorReads } from '../src/mirror/reads-context.js'
import { accessRulesForRole } from '../src/tenancy/access-rules.js'

const admin = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const sizes = process.argv.slice(2).map(Number).filter(Boolean)
const ROWS = sizes.length > 0 ? sizes : [10_000, 100_000]
const RUNS = 50

const log = (line: string): void => { process.stderr.write(`[portfolio] ${line}\n`) }

async function withDatabase<T> (work: (url: string) => Promise<T>): Promise<T> {
  const name = `ogw_bench_${randomBytes(5).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  try {
    return await work(url.toString())
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.end()
  }
}

// Generated rows shaped as the sync writes them: several TLDs, states, expiries, renewal modes.
async function fill (db: ReturnType<typeof createPrismaClient>, tenantId: string, accountId: string, count: number, prefix: string) {
  await db.$executeRawUnsafe(`
    INSERT INTO "MirrorDomain" ("accountId", "name", "tenantId", "tld", "serviceId", "state", "expiresAt", "creationDate", "renewalState",
      "transferLock", "nameServerType", "nameServers", "ownerContactId", "detail", "syncedAt")
    SELECT '${accountId}'::uuid, '${prefix}' || lpad(i::text, 6, '0') || '.' || tld, '${tenantId}'::uuid, tld, i,
      (ARRAY['ok','ok','ok','ok','ok','expired','pending_delete','outgoing_transfer'])[1 + i % 8],
      now() + ((i::bigint * 7919) % 1000) * interval '1 day' - interval '100 days',
      CASE WHEN i % 10 = 0 THEN NULL ELSE now() - ((i::bigint * 104729) % 3000) * interval '1 day' END,
      (ARRAY['automatic_renew','manual_renew','automatic_renew'])[1 + i % 3],
      (ARRAY['locked','unlocked','locked','unavailable'])[1 + i % 4],
      (ARRAY['hosted','external'])[1 + i % 2], ARRAY['dns1.example.net','ns1.example.net'], 'ab12345-ovh',
      jsonb_build_object('domain', '${prefix}' || lpad(i::text, 6, '0') || '.' || tld, 'state', 'ok', 'expirationDate', now()::text,
        'nameServers', '[]'::jsonb, 'offer', 'gold', 'whoisOwner', 'ab12345-ovh'),
      now() - (i % 600) * interval '1 second'
    FROM generate_series(1, ${count}) AS i, LATERAL (SELECT (ARRAY['com','fr','net','org','co.uk','berlin','io','eu'])[1 + i % 8] AS tld) AS t`)
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]

async function measure (run: () => Promise<unknown>): Promise<{ median: number, p95: number }> {
  for (let i = 0; i < 5; i++) await run()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint()
    await run()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) }
}

// The indexes of migration 20261207062500_mirror_portfolio_indexes: each size is measured with them,
// then again after dropping them, in the same database, so the gain is read side by side.
const NEW_INDEXES = ['MirrorDomain_name_trgm_idx', 'MirrorDomain_portfolio_counts_idx']

const lines: string[] = ['| rows | indexes | query | median ms | p95 ms | plan |', '|---|---|---|---|---|---|']
for (const rows of ROWS) {
  await withDatabase(async url => {
    await applyMigrations({ databaseUrl: url })
    const db = createPrismaClient(url, { maxConnections: 4 })
    try {
      const tenants = await Promise.all(['a', 'b'].map(slug => db.tenant.create({ data: { slug, name: slug, ovhEndpoint: 'sandbox', ovhApplicationKey: 'k', ovhApplicationSecret: 's' } })))
      const accounts = await Promise.all(tenants.map(tenant => db.mirrorAccount.create({ data: { tenantId: tenant.id, ovhEndpoint: 'sandbox', ovhAccount: `${tenant.slug}-ovh`, state: 'ready' } })))
      log(`${rows} rows: filling`)
      await fill(db, tenants[0].id, accounts[0].id, rows, 'shop')
      await fill(db, tenants[1].id, accounts[1].id, 10_000, 'other')
      // What autovacuum does after a first sync's inserts: the visibility map lets counts skip the heap.
      await db.$executeRawUnsafe('VACUUM ANALYZE "MirrorDomain"')
      const view: ReadyView = {
        reads: createMirrorReads({ enabled: true, maxAgeSeconds: 300, db, refresher: () => undefined }),
        scope: { tenantId: tenants[0].id, ovhEndpoint: 'sandbox', ovhAccount: 'a-ovh' },
        account: { id: accounts[0].id, tenantId: tenants[0].id, state: 'ready', lastListAt: null, lastActivityAt: null },
        rules: accessRulesForRole('viewer'),
        access: domainAccessOf(accessRulesForRole('viewer'))
      }
      const oneDomain = { ...view, access: domainAccessOf([{ method: 'GET', path: `/domain/shop${String(rows - 5).padStart(6, '0')}.com/*` }]) }
      // A cursor deep in the list: page ~N/2.
      const middle = await portfolioPage(view, { field: 'expirationDate', descending: false, first: 1, afterKey: undefined, filter: { expiringAfter: new Date(Date.now() + 400 * 86_400_000).toISOString() } })
      const queries: Array<[string, () => Promise<unknown>, Prisma.Sql]> = [
        ['page 1 by name (50)', () => portfolioPage(view, { field: 'name', descending: false, first: 50 }), Prisma.sql`ORDER BY "name" LIMIT 51`],
        ['state=expired by expiry (50)', () => portfolioPage(view, { field: 'expirationDate', descending: false, first: 50, filter: { state: ['expired'] } }), Prisma.sql`AND "expiresAt" IS NOT NULL ORDER BY "expiresAt", "name" LIMIT 51`],
        ['by expiry DESC, deep cursor (50)', () => portfolioPage(view, { field: 'expirationDate', descending: true, first: 50, afterKey: middle.keys[0] }), Prisma.sql`AND "expiresAt" IS NOT NULL ORDER BY "expiresAt" DESC, "name" DESC LIMIT 51`],
        ['tld=fr by creation (50)', () => portfolioPage(view, { field: 'creationDate', descending: false, first: 50, filter: { tld: ['fr'] } }), Prisma.sql`AND "creationDate" IS NOT NULL ORDER BY "creationDate", "name" LIMIT 51`],
        ['nameContains "12345" by name (50)', () => portfolioPage(view, { field: 'name', descending: false, first: 50, filter: { nameContains: '12345' } }), Prisma.sql`ORDER BY "name" LIMIT 51`],
        ['totalCount, state=ok', () => portfolioTotal(view, { state: ['ok'] }), Prisma.empty],
        ['counts by state and TLD', () => portfolioCounts(view, {}), Prisma.empty],
        ['one-domain key, page by name', () => portfolioPage(oneDomain, { field: 'name', descending: false, first: 50 }), Prisma.sql`ORDER BY "name" LIMIT 51`]
      ]
      const filters = [{}, { state: ['expired'] }, {}, { tld: ['fr'] }, { nameContains: '12345' }, { state: ['ok'] }, {}, {}]
      for (const variant of ['all', 'without new'] as const) {
        if (variant === 'without new') {
          for (const name of NEW_INDEXES) await db.$executeRawUnsafe(`DROP INDEX "${name}"`)
          await db.$executeRawUnsafe('ANALYZE "MirrorDomain"')
        }
        for (const [index, [label, run, tail]] of queries.entries()) {
          const timing = await measure(run)
          const target = index === 7 ? oneDomain : view
          const select = index >= 5 && index <= 6 ? Prisma.sql`SELECT count(*)` : Prisma.sql`SELECT "name"`
          const explained = await db.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN (ANALYZE, SUMMARY OFF, TIMING OFF) ${select} FROM "MirrorDomain" ${whereSql(portfolioConditions(target, filters[index]))} ${tail}`
          const plan = explained.map(row => row['QUERY PLAN']).filter(line => /Scan|Sort|Aggregate|Heap Fetches/.test(line)).map(line => line.trim().replace(/\s+\(cost.*$/, '').replace(/^->\s*/, '')).join(' / ')
          lines.push(`| ${rows.toLocaleString('en')} | ${variant} | ${label} | ${timing.median.toFixed(2)} | ${timing.p95.toFixed(2)} | ${plan} |`)
          log(`${rows} ${variant} ${label}: median ${timing.median.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms; ${plan}`)
        }
      }
    } finally {
      await db.$disconnect()
    }
  })
}
process.stdout.write(`${lines.join('\n')}\n`)
