// Trademark SMD files for sunrise registrations (/domain/data/smd*): list, upload, read, replace,
// delete. The account's own files only, as OVH keeps them per account. @see model/smd-files.ts
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { addSmdFile, findSmdFile, replaceSmdFile, smdFilesOf, toSmd } from '../model/smd-files.js'

type SmdBody = { data?: unknown }
const dataOf = (body: unknown): string => String((body as SmdBody | undefined)?.data ?? '')

export const domainDataSmdArea: SandboxArea = {
  name: 'domain-data-smd',
  routes: [
    // OVH answers the files themselves here, not ids.
    defineRoute({
      method: 'GET',
      path: '/domain/data/smd',
      handler: ({ account }) => Object.values(smdFilesOf(account)).sort((a, b) => a.notBefore - b.notBefore || a.id.localeCompare(b.id)).map(toSmd)
    }),
    defineRoute({
      method: 'POST',
      path: '/domain/data/smd',
      handler ({ account, body, now, sandbox }) {
        const file = addSmdFile(account, dataOf(body), now)
        sandbox.touch()
        return toSmd(file)
      }
    }),
    defineRoute({
      method: 'GET',
      path: '/domain/data/smd/{smdId}',
      handler: ({ account, params }) => toSmd(findSmdFile(account, String(params.smdId)))
    }),
    defineRoute({
      method: 'PUT',
      path: '/domain/data/smd/{smdId}',
      handler ({ account, params, body, now, sandbox }) {
        const file = replaceSmdFile(account, String(params.smdId), dataOf(body), now)
        sandbox.touch()
        return toSmd(file)
      }
    }),
    defineRoute({
      method: 'DELETE',
      path: '/domain/data/smd/{smdId}',
      handler ({ account, params, sandbox }) {
        const file = findSmdFile(account, String(params.smdId))
        delete smdFilesOf(account)[file.id]
        sandbox.touch()
        return null
      }
    })
  ]
}
