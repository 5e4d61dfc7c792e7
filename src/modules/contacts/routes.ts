// REST: owner contacts (/v1/contacts/owners), the account's contacts (/v1/contacts/account),
// NIC changes of a domain and the requests they open (/v1/contact-changes), over the same services
// as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { restPageOf } from '../shared/pagination.js'
import {
  acceptContactChange, changeDomainContacts, getContactChange, listContactChanges, refuseContactChange, resendContactChangeEmail
} from './changes.js'
import {
  AccountContactCreateSchema, AccountContactSchema, AccountContactUpdateSchema, ContactChangeSchema, ContactChangeStateEnum,
  ContactFieldRuleSchema, DomainContactChangeSchema, NicSchema, OwnerContactInputSchema, OwnerContactSchema
} from './schemas.js'
import { checkedInService } from '../shared/checked-in-service.js'
import {
  createAccountContact, createOwnerContact, getAccountContact, getContactFieldRules, getOwnerContact, listAccountContacts,
  listOwnerContacts, updateAccountContact, updateOwnerContact
} from './service.js'
import { restPageSchema } from '../shared/rest-page.js'

const Id = z.object({ id: z.coerce.number().int().positive() })
const paging = {
  first: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1 to 100'),
  after: z.string().optional().describe('endCursor of the previous page')
}
const Token = z.object({ token: z.string().min(1).max(200).describe('The token emailed to your NIC') }).strict()
const tags = ['contacts']
const Nic = checkedInService(z.string(), NicSchema)

const contactsRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/contacts/owners', {
    schema: { operationId: 'listOwnerContacts', tags, summary: 'The owner contacts of your account (full objects)', response: { 200: z.array(OwnerContactSchema) } }
  }, async request => listOwnerContacts(request.caller))

  app.get('/contacts/owners/:id', {
    schema: { operationId: 'getOwnerContact', tags, summary: 'One owner contact', params: Id, response: { 200: OwnerContactSchema } }
  }, async request => {
    const contact = await getOwnerContact(request.caller, request.params.id)
    if (!contact) throw notFound(`contact ${request.params.id}`)
    return contact
  })

  app.post('/contacts/owners', {
    schema: { operationId: 'createOwnerContact', tags, summary: 'Creates an owner contact', body: OwnerContactInputSchema, response: { 200: OwnerContactSchema } }
  }, async request => createOwnerContact(request.caller, request.body))

  app.put('/contacts/owners/:id', {
    schema: {
      operationId: 'updateOwnerContact',
      tags,
      summary: 'Updates an owner contact, checked first against the update rules of every domain it owns (BAD_USER_INPUT per field)',
      params: Id,
      body: OwnerContactInputSchema,
      response: { 200: OwnerContactSchema }
    }
  }, async request => updateOwnerContact(request.caller, request.params.id, request.body))

  app.get('/contacts/account', {
    schema: {
      operationId: 'listAccountContacts',
      tags,
      summary: 'The contacts of your account, by id',
      querystring: z.object(paging),
      response: { 200: restPageSchema(AccountContactSchema) }
    }
  }, async request => restPageOf(await listAccountContacts(request.caller, request.query)))

  app.get('/contacts/account/:id', {
    schema: { operationId: 'getAccountContact', tags, summary: 'One contact of your account', params: Id, response: { 200: AccountContactSchema } }
  }, async request => {
    const contact = await getAccountContact(request.caller, request.params.id)
    if (!contact) throw notFound(`contact ${request.params.id}`)
    return contact
  })

  app.get('/contacts/account/:id/fields', {
    schema: { operationId: 'getAccountContactFields', tags, summary: 'Which fields of a contact are mandatory or read-only', params: Id, response: { 200: z.array(ContactFieldRuleSchema) } }
  }, async request => {
    const rules = await getContactFieldRules(request.caller, request.params.id)
    if (!rules) throw notFound(`contact ${request.params.id}`)
    return rules
  })

  app.post('/contacts/account', {
    schema: { operationId: 'createAccountContact', tags, summary: 'Creates a contact of your account', body: AccountContactCreateSchema, response: { 200: AccountContactSchema } }
  }, async request => createAccountContact(request.caller, request.body))

  app.put('/contacts/account/:id', {
    schema: { operationId: 'updateAccountContact', tags, summary: 'Updates a contact of your account', params: Id, body: AccountContactUpdateSchema, response: { 200: AccountContactSchema } }
  }, async request => updateAccountContact(request.caller, request.params.id, request.body))

  app.post('/domains/:name/contact-change', {
    schema: {
      operationId: 'changeDomainContacts',
      tags,
      summary: 'Changes the admin, tech or billing NIC of a domain; returns the requests both NICs must accept',
      params: z.object({ name: DomainNameSchema }),
      body: DomainContactChangeSchema,
      response: { 200: z.array(ContactChangeSchema) }
    }
  }, async request => changeDomainContacts(request.caller, request.params.name, request.body))

  app.get('/contact-changes', {
    schema: {
      operationId: 'listContactChanges',
      tags,
      summary: 'Contact-change requests you take part in, newest first',
      // NIC handles, checked by the service (field paths as in GraphQL), documented from its schema.
      querystring: z.object({ ...paging, state: ContactChangeStateEnum.optional(), askingAccount: Nic.optional(), toAccount: Nic.optional() }),
      response: { 200: restPageSchema(ContactChangeSchema) }
    }
  }, async request => {
    const { first, after, ...filter } = request.query
    return restPageOf(await listContactChanges(request.caller, { first, after, filter }))
  })

  app.get('/contact-changes/:id', {
    schema: { operationId: 'getContactChange', tags, summary: 'One contact-change request', params: Id, response: { 200: ContactChangeSchema } }
  }, async request => {
    const change = await getContactChange(request.caller, request.params.id)
    if (!change) throw notFound(`contact-change request ${request.params.id}`)
    return change
  })

  app.post('/contact-changes/:id/accept', {
    schema: { operationId: 'acceptContactChange', tags, summary: 'Accepts a request with the token emailed to your NIC', params: Id, body: Token, response: { 200: ContactChangeSchema } }
  }, async request => acceptContactChange(request.caller, request.params.id, request.body.token))

  app.post('/contact-changes/:id/refuse', {
    schema: { operationId: 'refuseContactChange', tags, summary: 'Refuses a request with the token emailed to your NIC', params: Id, body: Token, response: { 200: ContactChangeSchema } }
  }, async request => refuseContactChange(request.caller, request.params.id, request.body.token))

  app.post('/contact-changes/:id/resend-email', {
    schema: { operationId: 'resendContactChangeEmail', tags, summary: 'Sends the validation emails of a pending request again', params: Id, response: { 200: ContactChangeSchema } }
  }, async request => resendContactChangeEmail(request.caller, request.params.id))
}

export default contactsRoutes
