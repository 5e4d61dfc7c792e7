// The zone files of restore points, where GET /domain/zone/{zoneName}/history/{creationDate}'s
// zoneFileUrl points: OVH links to a file on its storage, readable without signing by whoever has
// the link (an unguessable token), as this is.
import type { FastifyInstance } from 'fastify'
import { exportZone } from '../model/zone-file.js'
import type { Sandbox } from '../sandbox.js'

export interface ZoneFileOptions {
  sandbox: Sandbox
}

export async function zoneFiles (scope: FastifyInstance, { sandbox }: ZoneFileOptions): Promise<void> {
  scope.get<{ Params: { token: string } }>('/zone-history/:token', async (request, reply) => {
    for (const account of Object.values(sandbox.state.accounts)) {
      for (const zone of Object.values(account.zones ?? {})) {
        const point = (zone.history ?? []).find(candidate => candidate.token === request.params.token)
        if (point === undefined) continue
        const records = Object.fromEntries(point.records.map(record => [String(record.id), record]))
        return reply.type('text/plain; charset=utf-8').send(exportZone({ ...zone, records, soa: point.soa, dynHostRecords: {} }))
      }
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('No such file\n')
  })
}
