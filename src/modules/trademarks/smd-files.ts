// Trademark SMD files (Signed Mark Data, RFC 7848) that a registration in a TLD's sunrise period
// proves its mark with: OVH keeps them per account (/domain/data/smd*); a reseller uploads its
// customers' files once and OVH answers what it read from each (the TMCH id, the validity, the
// protected labels). Account-wide objects: a user limited to customers does not reach them
// (customers/ovh-guard.ts). @see docs/trademarks.md
import { z } from 'zod'
import { OvhApiError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { validateInput } from '../shared/validate.js'

export interface SmdFile {
  id: string
  smdId: string
  notBefore: string
  notAfter: string
  protectedLabels: Array<{ label: string, trademark: string }>
  data: string
}

// An SMD file is a few kilobytes; the bound keeps a stray upload from reaching OVH.
export const SMD_DATA_MAX = 100_000
export const SmdDataSchema = z.string()
  .min(1, 'must not be empty')
  .max(SMD_DATA_MAX, `must be at most ${SMD_DATA_MAX} characters`)
  .regex(/^[A-Za-z0-9+/=\r\n]+$/, 'must be the SMD file encoded in base64')
  .describe('The SMD file as the TMCH issued it, encoded in base64')
export const SmdIdSchema = z.uuid({ error: 'must be the id OVH gave the file (a UUID)' }).describe('OVH\'s id of the uploaded file (a UUID)')

const notFoundAsNull = (err: unknown): null => {
  if (err instanceof OvhApiError && err.status === 404) return null
  throw err
}

/** Every SMD file of the account (OVH answers the files themselves, one call). */
export async function listSmdFiles (caller: Caller): Promise<SmdFile[]> {
  caller.require('read')
  const client = await caller.ovh()
  return await client.get<SmdFile[]>('/domain/data/smd')
}

/** One file by OVH's id; null when the account has none with it. */
export async function getSmdFile (caller: Caller, rawId: string, field = 'id'): Promise<SmdFile | null> {
  caller.require('read')
  const id = validateInput(SmdIdSchema, rawId, field)
  const client = await caller.ovh()
  return await client.get<SmdFile>('/domain/data/smd/{smdId}', { params: { smdId: id } }).catch(notFoundAsNull)
}

/** Uploads a file; OVH refuses one that is not an SMD file, has expired, or is there already. */
export async function addSmdFile (caller: Caller, rawData: string, field = 'data'): Promise<SmdFile> {
  caller.require('write')
  const data = validateInput(SmdDataSchema, rawData, field)
  const client = await caller.ovh()
  return await client.post<SmdFile>('/domain/data/smd', { body: { data } })
}

/** Replaces a file with a newer one (a renewed mark keeps its place). */
export async function replaceSmdFile (caller: Caller, rawId: string, rawData: string, fields = { id: 'id', data: 'data' }): Promise<SmdFile> {
  caller.require('write')
  const id = validateInput(SmdIdSchema, rawId, fields.id)
  const data = validateInput(SmdDataSchema, rawData, fields.data)
  const client = await caller.ovh()
  return await client.put<SmdFile>('/domain/data/smd/{smdId}', { params: { smdId: id }, body: { data } })
}

/** Deletes a file; answers its id. */
export async function deleteSmdFile (caller: Caller, rawId: string, field = 'id'): Promise<string> {
  caller.require('write')
  const id = validateInput(SmdIdSchema, rawId, field)
  const client = await caller.ovh()
  await client.delete('/domain/data/smd/{smdId}', { params: { smdId: id } })
  return id
}
