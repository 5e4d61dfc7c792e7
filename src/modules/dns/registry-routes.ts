// REST: a domain's DNS at the registry under /v1/domains/{name}: nameServerType, nameServers,
// glueRecords, dsRecords. Changes answer OVH's domain task.
import { z } from 'zod'
import { DomainNameSchema, HostNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { OvhDomainSchema } from '../domains/schemas.js'
import { DomainTaskSchema } from '../tasks/schemas.js'
import {
  DomainNsTypeEnum, DsKeyInputSchema, DsKeySchema, DsKeyStatusEnum, FullNameServerSchema, GlueRecordSchema, IpAddressSchema, NameServerInputSchema, NameServerStatusSchema
} from './registry-schemas.js'
import {
  addNameServers, createGlueRecord, deleteGlueRecord, deleteNameServer, getDsRecord, getGlueRecord, getNameServer, getNameServerStatus,
  listDsRecords, listGlueRecords, listNameServers, replaceNameServers, setNameServerType, updateDsRecords, updateGlueRecord
} from './registry-service.js'
import { DS_FLAGS, DS_KEYS_MAX, NAME_SERVERS_MAX } from './name-server-input.js'
import { checkedInService } from '../shared/checked-in-service.js'

const tags = ['dns']
const Name = z.object({ name: DomainNameSchema })
const NameId = Name.extend({ id: z.coerce.number().int().positive() })
const NameHost = Name.extend({ host: HostNameSchema })
// Each address once; OVH takes up to 13.
const GlueIps = z.array(checkedInService(z.string(), IpAddressSchema)).min(1, 'give at least one IP address').max(NAME_SERVERS_MAX).describe('IPv4 or IPv6 addresses, each once')
const NameServers = z.object({ nameServers: z.array(NameServerInputSchema).min(1, `give 1 to ${NAME_SERVERS_MAX} name servers`).max(NAME_SERVERS_MAX, `give 1 to ${NAME_SERVERS_MAX} name servers`).describe('Each host once') }).strict()

export const registryRoutes: FastifyPluginAsyncZod = async function (app) {
  app.put('/domains/:name/nameServerType', {
    schema: {
      operationId: 'setNameServerType',
      tags,
      summary: 'Use OVH\'s DNS (hosted, needs a zone at OVH) or your own name servers (external)',
      params: Name,
      body: z.object({ nameServerType: DomainNsTypeEnum }).strict(),
      response: { 200: OvhDomainSchema.omit({ iam: true }) }
    }
  }, async request => setNameServerType(request.caller, request.params.name, request.body.nameServerType))

  app.get('/domains/:name/nameServers', {
    schema: { operationId: 'listNameServers', tags, summary: 'Name servers with their state (in use, to delete)', params: Name, response: { 200: z.array(FullNameServerSchema) } }
  }, async request => listNameServers(request.caller, request.params.name))

  app.get('/domains/:name/nameServers/:id', {
    schema: { operationId: 'getNameServer', tags, summary: 'One name server', params: NameId, response: { 200: FullNameServerSchema } }
  }, async request => {
    const server = await getNameServer(request.caller, request.params.name, request.params.id)
    if (!server) throw notFound(`name server ${request.params.id} of ${request.params.name}`)
    return server
  })

  app.get('/domains/:name/nameServers/:id/status', {
    schema: { operationId: 'getNameServerStatus', tags, summary: 'Whether the name server answers for the domain', params: NameId, response: { 200: NameServerStatusSchema } }
  }, async request => getNameServerStatus(request.caller, request.params.name, request.params.id))

  app.post('/domains/:name/nameServers', {
    schema: { operationId: 'addNameServers', tags, summary: 'Add name servers (nameServerType must be external): a DomainDnsUpdate task', params: Name, body: NameServers, response: { 200: DomainTaskSchema } }
  }, async request => addNameServers(request.caller, request.params.name, request.body.nameServers, 'body.nameServers'))

  app.put('/domains/:name/nameServers', {
    schema: { operationId: 'replaceNameServers', tags, summary: 'Replace the set of name servers (nameServerType must be external): a DomainDnsUpdate task', params: Name, body: NameServers, response: { 200: DomainTaskSchema } }
  }, async request => replaceNameServers(request.caller, request.params.name, request.body.nameServers, 'body.nameServers'))

  app.delete('/domains/:name/nameServers/:id', {
    schema: { operationId: 'deleteNameServer', tags, summary: 'Remove a name server: a DomainDnsUpdate task', params: NameId, response: { 200: DomainTaskSchema } }
  }, async request => deleteNameServer(request.caller, request.params.name, request.params.id))

  app.get('/domains/:name/glueRecords', {
    schema: { operationId: 'listGlueRecords', tags, summary: 'Hosts of the domain at the registry (glue records)', params: Name, response: { 200: z.array(GlueRecordSchema) } }
  }, async request => listGlueRecords(request.caller, request.params.name))

  app.get('/domains/:name/glueRecords/:host', {
    schema: { operationId: 'getGlueRecord', tags, summary: 'One glue record', params: NameHost, response: { 200: GlueRecordSchema } }
  }, async request => {
    const glue = await getGlueRecord(request.caller, request.params.name, request.params.host, 'params.host')
    if (!glue) throw notFound(`glue record ${request.params.host} of ${request.params.name}`)
    return glue
  })

  app.post('/domains/:name/glueRecords', {
    schema: {
      operationId: 'createGlueRecord',
      tags,
      summary: 'Create a host inside the domain with its addresses: a DomainHostCreate task',
      params: Name,
      body: z.object({ host: checkedInService(z.string(), HostNameSchema).describe('A host inside the domain, such as ns1.<domain>'), ips: GlueIps }).strict(),
      response: { 200: DomainTaskSchema }
    }
  }, async request => createGlueRecord(request.caller, request.params.name, request.body, { host: 'body.host', ips: 'body.ips' }))

  app.put('/domains/:name/glueRecords/:host', {
    schema: {
      operationId: 'updateGlueRecord',
      tags,
      summary: 'New addresses for a host: a DomainHostUpdate task',
      params: NameHost,
      body: z.object({ ips: GlueIps }).strict(),
      response: { 200: DomainTaskSchema }
    }
  }, async request => updateGlueRecord(request.caller, request.params.name, request.params.host, request.body.ips, { host: 'params.host', ips: 'body.ips' }))

  app.delete('/domains/:name/glueRecords/:host', {
    schema: { operationId: 'deleteGlueRecord', tags, summary: 'Delete a host (remove it from the name servers first): a DomainHostDelete task', params: NameHost, response: { 200: DomainTaskSchema } }
  }, async request => deleteGlueRecord(request.caller, request.params.name, request.params.host, 'params.host'))

  app.get('/domains/:name/dsRecords', {
    schema: {
      operationId: 'listDsRecords',
      tags,
      summary: 'DNSSEC keys (DS) at the registry, for a domain on external DNS',
      params: Name,
      querystring: z.object({
        // OVH's dnssec.KeyFlagEnum: anything else is refused here, never sent.
        flags: z.enum(DS_FLAGS.map(String) as ['256', '257'], { error: 'must be 256 (ZSK) or 257 (KSK)' }).transform(Number).optional(),
        status: DsKeyStatusEnum.optional()
      }),
      response: { 200: z.array(DsKeySchema) }
    }
  }, async request => listDsRecords(request.caller, request.params.name, request.query, 'querystring.flags'))

  app.get('/domains/:name/dsRecords/:id', {
    schema: { operationId: 'getDsRecord', tags, summary: 'One DS key', params: NameId, response: { 200: DsKeySchema } }
  }, async request => {
    const key = await getDsRecord(request.caller, request.params.name, request.params.id)
    if (!key) throw notFound(`DS key ${request.params.id} of ${request.params.name}`)
    return key
  })

  app.put('/domains/:name/dsRecords', {
    schema: {
      operationId: 'replaceDsRecords',
      tags,
      summary: 'Replace the DS keys at the registry (an empty list removes them): a DomainDsUpdate task',
      params: Name,
      body: z.object({ keys: z.array(DsKeyInputSchema).max(DS_KEYS_MAX, `give at most ${DS_KEYS_MAX} keys (an empty list removes DNSSEC at the registry)`) }).strict(),
      response: { 200: DomainTaskSchema }
    }
  }, async request => updateDsRecords(request.caller, request.params.name, request.body.keys, 'body.keys'))
}
