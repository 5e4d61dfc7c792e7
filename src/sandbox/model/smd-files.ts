// Trademark SMD files (Signed Mark Data, RFC 7848) an account uploads for sunrise registrations
// (/domain/data/smd*). OVH takes the file in base64 and answers what it read from it: the TMCH id,
// the validity and the labels the mark protects. The sandbox reads the file's plain-text header
// (`Marks:`, `smdID:`, `U-labels:`, `notBefore:`, `notAfter:`) and requires the encoded block; it
// does not check the TMCH's signature. @see docs/OVH-API.md 16 (/domain/data/smd)
import { badRequest, classError, notFound } from '../errors.js'
import { randomUUID } from '../ids.js'
import type { AccountState, SmdFileState } from '../state/types.js'
import { formatDateTime } from '../time.js'

export const smdFilesOf = (account: AccountState): Record<string, SmdFileState> => (account.smdFiles ??= {})

export function findSmdFile (account: AccountState, id: string): SmdFileState {
  const file = smdFilesOf(account)[id]
  if (file === undefined) throw notFound(`The requested object (smdId = ${id}) does not exist`)
  return file
}

function header (text: string, name: string): string {
  const value = new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(text)?.[1]?.trim()
  if (value === undefined || value === '') throw badRequest(`Invalid SMD file: no ${name} line`)
  return value
}

// "2026-01-01 09:00" (the header's form, UTC) or an ISO date-time.
function instant (value: string, name: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value)
  if (Number.isNaN(ms)) throw badRequest(`Invalid SMD file: ${name} is not a date`)
  return ms
}

/** What OVH reads from an uploaded file; refused as OVH does when it is not an SMD file or has expired. */
export function readSmdFile (data: string, now: number): Omit<SmdFileState, 'id'> {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(data)) throw badRequest('Invalid SMD file: data must be base64')
  const text = Buffer.from(data, 'base64').toString('utf8')
  if (!/-----BEGIN ENCODED SMD-----[\s\S]+-----END ENCODED SMD-----/.test(text)) throw badRequest('Invalid SMD file: no encoded SMD block')
  const marks = header(text, 'Marks')
  const labels = header(text, 'U-labels').split(',').map(label => label.trim().toLowerCase()).filter(label => label !== '')
  const notBefore = instant(header(text, 'notBefore'), 'notBefore')
  const notAfter = instant(header(text, 'notAfter'), 'notAfter')
  if (notAfter <= now) throw badRequest('Invalid SMD file: it has expired')
  return { data, smdId: header(text, 'smdID'), notBefore, notAfter, labels: labels.map(label => ({ label, trademark: marks })) }
}

export function addSmdFile (account: AccountState, data: string, now: number): SmdFileState {
  const read = readSmdFile(data, now)
  const files = smdFilesOf(account)
  if (Object.values(files).some(file => file.smdId === read.smdId)) throw classError(409, 'Client::Conflict', `The SMD file ${read.smdId} already exists`)
  const file = { id: randomUUID(), ...read }
  files[file.id] = file
  return file
}

/** PUT: the file is replaced by a newer one of the same mark (a renewed SMD). */
export function replaceSmdFile (account: AccountState, id: string, data: string, now: number): SmdFileState {
  const file = findSmdFile(account, id)
  const read = readSmdFile(data, now)
  if (Object.values(smdFilesOf(account)).some(other => other.id !== id && other.smdId === read.smdId)) {
    throw classError(409, 'Client::Conflict', `The SMD file ${read.smdId} already exists`)
  }
  Object.assign(file, read)
  return file
}

// domain.data.smd.Smd
export function toSmd (file: SmdFileState) {
  return {
    data: file.data,
    id: file.id,
    notAfter: formatDateTime(file.notAfter),
    notBefore: formatDateTime(file.notBefore),
    protectedLabels: file.labels.map(label => ({ ...label })),
    smdId: file.smdId
  }
}

/** A well-formed SMD file for tests and demos, in base64 as OVH takes it. */
export function sampleSmdFile (options: { marks: string, smdId: string, labels: string[], notBefore: string, notAfter: string }): string {
  const text = [
    `Marks: ${options.marks}`,
    `smdID: ${options.smdId}`,
    `U-labels: ${options.labels.join(', ')}`,
    `notBefore: ${options.notBefore}`,
    `notAfter: ${options.notAfter}`,
    '-----BEGIN ENCODED SMD-----',
    Buffer.from(`<smd:signedMark xmlns:smd="urn:ietf:params:xml:ns:signedMark-1.0"><smd:id>${options.smdId}</smd:id></smd:signedMark>`).toString('base64'),
    '-----END ENCODED SMD-----',
    ''
  ].join('\n')
  return Buffer.from(text).toString('base64')
}
