// Small helpers over PostgreSQL connection URLs.
import pg from 'pg'

export function withDatabase (url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export function databaseName (url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'
}

// Runs one statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a pool
// transaction and must not hold a connection open to the database being dropped).
export async function runAdminStatement (url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  // A connection cut between two statements is an 'error' event, which would crash the process
  // unheard; the next statement fails with it anyway.
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export function quoteIdentifier (name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
