// The portfolio as CSV (RFC 4180: comma-separated, CRLF, fields with a comma, quote or line break
// quoted, quotes doubled). Written here rather than with a CSV library: the rows are flat and
// their values known, and the whole rule is the one function below.
import type { ExportRow } from '../../mirror/portfolio.js'

export const CSV_COLUMNS = ['name', 'tld', 'state', 'expirationDate', 'creationDate', 'renewalState', 'renewalPeriod',
  'transferLockStatus', 'nameServerType', 'nameServers', 'ownerContactId', 'serviceId', 'syncedAt'] as const

export function field (value: string | number | bigint | Date | null): string {
  if (value === null) return ''
  const text = value instanceof Date ? value.toISOString() : String(value)
  // A spreadsheet runs a cell starting with = + - @ as a formula: such a value (none of OVH's
  // should be one) is written with a leading quote, as OWASP's CSV-injection advice says.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function csvHeader (): string {
  return `${CSV_COLUMNS.join(',')}\r\n`
}

export function csvLine (row: ExportRow): string {
  return [row.name, row.tld, row.state, row.expiresAt, row.creationDate, row.renewalState, row.renewalPeriod, row.transferLock,
    row.nameServerType, row.nameServers.join(' '), row.ownerContactId, row.serviceId, row.syncedAt].map(field).join(',') + '\r\n'
}

/** The CSV text of the rows, header first, produced as the rows arrive. */
export async function * csvOf (rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
  yield csvHeader()
  for await (const row of rows) yield csvLine(row)
}
