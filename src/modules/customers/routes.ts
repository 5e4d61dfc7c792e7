// REST: /v1/customers and the key customer users sign with (tenant admins), over the same services
// as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { FastifyRequest } from 'fastify'
import { accessContextOf } from '../access/context.js'
import type { AccessContext } from '../access/context.js'
import { createCustomer, deleteCustomer, getCustomer, listCustomers, MAX_CUSTOMER_DOMAINS, setCustomerDomains, updateCustomer } from './service.js'
import { getCustomerKeyUser, setCustomerKeyUser } from './key-user.js'
import { CustomerId, CustomerKeyUserSchema, CustomerSchema } from './schemas.js'
import type {} from '../access/plugin.js'

const Reference = z.string().min(1).max(100).describe('The tenant\'s own reference (its CRM\'s id, say), unique in the tenant, no spaces')
const Name = z.string().min(1).max(200)
const Email = z.email().max(254)

const customerRoutes: FastifyPluginAsyncZod = async function (app) {
  const tags = ['customers']
  const ctxOf = (request: FastifyRequest): AccessContext => accessContextOf(request.caller, app.access, request)

  app.get('/customers', { schema: { operationId: 'listCustomers', tags, summary: 'The tenant\'s customers with their domains, oldest first (admins)', response: { 200: z.object({ items: z.array(CustomerSchema) }) } } },
    async request => ({ items: await listCustomers(ctxOf(request)) }))

  app.post('/customers', {
    schema: { operationId: 'createCustomer', tags, summary: 'Create a customer of the tenant (admins)', body: z.object({ reference: Reference, name: Name, email: Email }), response: { 201: CustomerSchema } }
  }, async (request, reply) => {
    const customer = await createCustomer(ctxOf(request), request.body)
    reply.code(201)
    return customer
  })

  app.get('/customers/:id', { schema: { operationId: 'getCustomer', tags, summary: 'One customer of the tenant with its domains (admins)', params: CustomerId, response: { 200: CustomerSchema } } },
    async request => await getCustomer(ctxOf(request), request.params.id))

  app.patch('/customers/:id', {
    schema: { operationId: 'updateCustomer', tags, summary: 'Change a customer\'s reference, name or e-mail (admins)', params: CustomerId, body: z.object({ reference: Reference.optional(), name: Name.optional(), email: Email.optional() }), response: { 200: CustomerSchema } }
  }, async request => await updateCustomer(ctxOf(request), request.params.id, request.body))

  app.delete('/customers/:id', {
    schema: { operationId: 'deleteCustomer', tags, summary: 'Delete a customer and its domain assignments (admins); users limited to it see its domains no more', params: CustomerId, response: { 200: CustomerSchema } }
  }, async request => await deleteCustomer(ctxOf(request), request.params.id))

  app.put('/customers/:id/domains', {
    schema: {
      operationId: 'setCustomerDomains',
      tags,
      summary: 'Replace the domains a customer owns (admins); a domain another customer owned moves to this one',
      params: CustomerId,
      body: z.object({ domains: z.array(z.string().max(1000)).max(MAX_CUSTOMER_DOMAINS).describe('Domain names of the tenant\'s OVH account, e.g. ["example.com"]') }),
      response: { 200: CustomerSchema }
    }
  }, async request => await setCustomerDomains(ctxOf(request), request.params.id, request.body.domains))

  app.get('/customer-key-user', { schema: { operationId: 'getCustomerKeyUser', tags, summary: 'The user whose consumer key signs for customer users without one (admins)', response: { 200: CustomerKeyUserSchema } } },
    async request => await getCustomerKeyUser(ctxOf(request)))

  app.put('/customer-key-user', {
    schema: { operationId: 'setCustomerKeyUser', tags, summary: 'Choose the user whose consumer key signs for customer users without one (admins); null: none', body: z.object({ userId: z.uuid().nullable() }), response: { 200: CustomerKeyUserSchema } }
  }, async request => await setCustomerKeyUser(ctxOf(request), request.body.userId))
}

export default customerRoutes
