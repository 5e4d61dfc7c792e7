// REST: /v1/smd-files* (trademark SMD files for sunrise registrations) over ./smd-files.ts.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { addSmdFile, deleteSmdFile, getSmdFile, listSmdFiles, replaceSmdFile, SmdDataSchema, SmdIdSchema } from './smd-files.js'

const tags = ['trademarks']
// Checked by the service, which names the field as GraphQL does.
const IdParams = z.object({ id: checkedInService(z.string(), SmdIdSchema) })
const DataBody = z.object({ data: checkedInService(z.string(), SmdDataSchema) }).strict()
const SmdFileSchema = z.object({
  id: z.string().describe('OVH\'s id of the uploaded file'),
  smdId: z.string().describe('The Trademark Clearinghouse\'s id of the signed mark'),
  notBefore: z.string().describe('When the file starts to be valid'),
  notAfter: z.string().describe('When the file stops being valid'),
  protectedLabels: z.array(z.object({
    label: z.string().describe('A label the mark protects (the part of a name before the TLD)'),
    trademark: z.string().describe('The mark that protects it')
  })).describe('The labels the mark protects'),
  data: z.string().describe('The file as uploaded (base64)')
})

export const smdRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/smd-files', {
    schema: { operationId: 'listSmdFiles', tags, summary: 'The account\'s trademark SMD files', response: { 200: z.object({ items: z.array(SmdFileSchema) }) } }
  }, async request => ({ items: await listSmdFiles(request.caller) }))

  app.post('/smd-files', {
    schema: { operationId: 'addSmdFile', tags, summary: 'Upload an SMD file (base64) for sunrise registrations', body: DataBody, response: { 201: SmdFileSchema } }
  }, async (request, reply) => {
    const file = await addSmdFile(request.caller, request.body.data)
    return reply.code(201).send(file)
  })

  app.get('/smd-files/:id', {
    schema: { operationId: 'getSmdFile', tags, summary: 'One SMD file', params: IdParams, response: { 200: SmdFileSchema } }
  }, async request => {
    const file = await getSmdFile(request.caller, request.params.id)
    if (file === null) throw notFound(`SMD file ${request.params.id}`)
    return file
  })

  app.put('/smd-files/:id', {
    schema: { operationId: 'replaceSmdFile', tags, summary: 'Replace an SMD file with a newer one', params: IdParams, body: DataBody, response: { 200: SmdFileSchema } }
  }, async request => replaceSmdFile(request.caller, request.params.id, request.body.data))

  app.delete('/smd-files/:id', {
    schema: { operationId: 'deleteSmdFile', tags, summary: 'Delete an SMD file', params: IdParams, response: { 200: z.object({ deletedId: z.string().describe('The id of the file deleted') }) } }
  }, async request => ({ deletedId: await deleteSmdFile(request.caller, request.params.id) }))
}
