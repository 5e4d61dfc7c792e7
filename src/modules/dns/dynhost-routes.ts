// REST: /v1/dns/zones/{zone}/dynhost/logins* (list, read, create, change the subdomain or the
// password, delete) and /v1/dns/zones/{zone}/dynhost/records* (list, read, create, update, delete).
// A password is taken, never answered.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import {
  changeDynHostPassword, createDynHostLogin, createDynHostRecord, deleteDynHostLogin, deleteDynHostRecord, getDynHostLogin, getDynHostRecord,
  listDynHostLogins, listDynHostRecords, LOGIN, LOGIN_SUFFIX, PASSWORD_MAX, PASSWORD_MIN, updateDynHostLogin, updateDynHostRecord
} from './dynhost-service.js'
import { DynHostLoginSchema, DynHostRecordSchema } from './feature-schemas.js'
import { SubDomainSchema } from './record-input.js'
import { PageQuery, ZoneIdParams, ZoneParams } from './rest-shapes.js'

const tags = ['dns']
// Checked by the service with the other fields (dynhost-service.ts), all errors at once.
const SubDomain = checkedInService(z.string(), SubDomainSchema)
const LoginSubDomain = checkedInService(z.string(), z.union([z.literal('*'), SubDomainSchema]).describe('The subdomain the login may update, or "*" for any'))
const Password = checkedInService(z.string(), z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).describe('The login\'s password: never answered back nor logged'))
const Ip = checkedInService(z.string(), z.union([z.ipv4(), z.ipv6()]).describe('An IPv4 or IPv6 address'))
const LoginParams = ZoneParams.extend({ login: checkedInService(z.string(), z.string().regex(LOGIN).describe('The login: the zone name, "-", then its suffix')) })
const LIKE = 'OVH\'s "ilike" filter: % matches any run of characters'

export const dynHostRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones/:zone/dynhost/logins', {
    schema: {
      operationId: 'listDnsDynHostLogins',
      tags,
      summary: 'DynHost logins of a zone, sorted by login',
      params: ZoneParams,
      querystring: PageQuery.extend({ login: z.string().max(300).optional().describe(LIKE), subDomain: z.string().max(253).optional().describe(LIKE) }),
      response: { 200: restPageSchema(DynHostLoginSchema) }
    }
  }, async request => {
    const { first, after, login, subDomain } = request.query
    return restPageOf(await listDynHostLogins(request.caller, request.params.zone, { first, after, filter: { login, subDomain } }))
  })

  app.get('/dns/zones/:zone/dynhost/logins/:login', {
    schema: { operationId: 'getDnsDynHostLogin', tags, summary: 'One DynHost login', params: LoginParams, response: { 200: DynHostLoginSchema } }
  }, async request => {
    const login = await getDynHostLogin(request.caller, request.params.zone, request.params.login)
    if (!login) throw notFound(`DynHost login ${request.params.login} of ${request.params.zone}`)
    return login
  })

  app.post('/dns/zones/:zone/dynhost/logins', {
    schema: {
      operationId: 'createDnsDynHostLogin',
      tags,
      summary: 'Create a DynHost login (the zone name, "-" and the suffix) allowed to update a subdomain',
      params: ZoneParams,
      body: z.object({
        loginSuffix: checkedInService(z.string(), z.string().regex(LOGIN_SUFFIX).describe('1 to 31 letters, digits, ".", "_" or "-"')),
        password: Password,
        subDomain: LoginSubDomain
      }).strict(),
      response: { 200: DynHostLoginSchema }
    }
  }, async request => createDynHostLogin(request.caller, request.params.zone, request.body, 'body'))

  app.put('/dns/zones/:zone/dynhost/logins/:login', {
    schema: {
      operationId: 'updateDnsDynHostLogin',
      tags,
      summary: 'Change the subdomain a DynHost login may update',
      params: LoginParams,
      body: z.object({ subDomain: LoginSubDomain }).strict(),
      response: { 200: DynHostLoginSchema }
    }
  }, async request => updateDynHostLogin(request.caller, request.params.zone, request.params.login, request.body, 'body'))

  app.delete('/dns/zones/:zone/dynhost/logins/:login', {
    schema: { operationId: 'deleteDnsDynHostLogin', tags, summary: 'Delete a DynHost login', params: LoginParams, response: { 200: z.object({ login: z.string() }) } }
  }, async request => ({ login: await deleteDynHostLogin(request.caller, request.params.zone, request.params.login) }))

  app.post('/dns/zones/:zone/dynhost/logins/:login/password', {
    schema: {
      operationId: 'changeDnsDynHostLoginPassword',
      tags,
      summary: 'Give a DynHost login a new password (answered: the login, not the password)',
      params: LoginParams,
      body: z.object({ password: Password }).strict(),
      response: { 200: DynHostLoginSchema }
    }
  }, async request => changeDynHostPassword(request.caller, request.params.zone, request.params.login, request.body.password, 'body.password'))

  app.get('/dns/zones/:zone/dynhost/records', {
    schema: {
      operationId: 'listDnsDynHostRecords',
      tags,
      summary: 'DynHost records of a zone in id order',
      params: ZoneParams,
      querystring: PageQuery.extend({ subDomain: z.string().max(253).optional().describe(LIKE) }),
      response: { 200: restPageSchema(DynHostRecordSchema) }
    }
  }, async request => {
    const { first, after, subDomain } = request.query
    return restPageOf(await listDynHostRecords(request.caller, request.params.zone, { first, after, filter: { subDomain } }))
  })

  app.get('/dns/zones/:zone/dynhost/records/:id', {
    schema: { operationId: 'getDnsDynHostRecord', tags, summary: 'One DynHost record', params: ZoneIdParams, response: { 200: DynHostRecordSchema } }
  }, async request => {
    const record = await getDynHostRecord(request.caller, request.params.zone, request.params.id)
    if (!record) throw notFound(`DynHost record ${request.params.id} of ${request.params.zone}`)
    return record
  })

  app.post('/dns/zones/:zone/dynhost/records', {
    schema: {
      operationId: 'createDnsDynHostRecord',
      tags,
      summary: 'Create a DynHost record (served at once: no refresh)',
      params: ZoneParams,
      body: z.object({ subDomain: SubDomain.optional(), ip: Ip }).strict(),
      response: { 200: DynHostRecordSchema }
    }
  }, async request => createDynHostRecord(request.caller, request.params.zone, request.body, 'body'))

  app.put('/dns/zones/:zone/dynhost/records/:id', {
    schema: {
      operationId: 'updateDnsDynHostRecord',
      tags,
      summary: 'Change a DynHost record\'s subdomain or address',
      params: ZoneIdParams,
      body: z.object({ subDomain: SubDomain.optional(), ip: Ip.optional() }).strict(),
      response: { 200: DynHostRecordSchema }
    }
  }, async request => updateDynHostRecord(request.caller, request.params.zone, request.params.id, request.body, 'body'))

  app.delete('/dns/zones/:zone/dynhost/records/:id', {
    schema: { operationId: 'deleteDnsDynHostRecord', tags, summary: 'Delete a DynHost record', params: ZoneIdParams, response: { 200: z.object({ id: z.number() }) } }
  }, async request => ({ id: await deleteDynHostRecord(request.caller, request.params.zone, request.params.id) }))
}
