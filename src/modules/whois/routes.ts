// REST: a domain's Whois display (/v1/domains/{name}/whois...), over the same service as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { ContactTypesInputSchema, ObfuscatedEmailSchema, OptinInputSchema, OptinSchema, WhoisSchema } from './schemas.js'
import {
  getObfuscatedEmails, getObfuscationRules, getOptin, getOptinRules, refreshObfuscatedEmails, setObfuscatedEmails, setOptin
} from './service.js'

const Name = z.object({ name: DomainNameSchema })
const tags = ['whois']

const whoisRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/domains/:name/whois', {
    schema: {
      operationId: 'getDomainWhois',
      tags,
      summary: 'What each contact may disclose and discloses, which emails can be and are obfuscated',
      params: Name,
      response: { 200: WhoisSchema }
    }
  }, async request => {
    const caller = request.caller
    const { name } = request.params
    const [optinRules, optin, obfuscationRules, obfuscatedEmails] = await Promise.all([
      getOptinRules(caller, name), getOptin(caller, name), getObfuscationRules(caller, name), getObfuscatedEmails(caller, name)
    ])
    return { domain: name.toLowerCase(), optinRules, optin, obfuscationRules, obfuscatedEmails }
  })

  app.put('/domains/:name/whois/optin', {
    schema: {
      operationId: 'setWhoisOptin',
      tags,
      summary: 'Replaces the disclosure settings; checked against the domain\'s rules/optin first',
      params: Name,
      body: z.object({ optin: OptinInputSchema }).strict(),
      response: { 200: z.array(OptinSchema) }
    }
  }, async request => setOptin(request.caller, request.params.name, request.body.optin))

  app.put('/domains/:name/whois/obfuscated-emails', {
    schema: {
      operationId: 'setObfuscatedEmails',
      tags,
      summary: 'Obfuscates exactly these contacts\' emails; checked against rules/emailsObfuscation first',
      params: Name,
      body: z.object({ contacts: ContactTypesInputSchema }).strict(),
      response: { 200: z.array(ObfuscatedEmailSchema) }
    }
  }, async request => setObfuscatedEmails(request.caller, request.params.name, request.body.contacts))

  app.post('/domains/:name/whois/obfuscated-emails/refresh', {
    schema: {
      operationId: 'refreshObfuscatedEmails',
      tags,
      summary: 'New obfuscated addresses for these contacts; returns the settings',
      params: Name,
      body: z.object({ contacts: ContactTypesInputSchema }).strict(),
      response: { 200: z.array(ObfuscatedEmailSchema) }
    }
  }, async request => refreshObfuscatedEmails(request.caller, request.params.name, request.body.contacts))
}

export default whoisRoutes
