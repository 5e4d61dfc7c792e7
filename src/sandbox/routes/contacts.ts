// Owner contacts (/domain/contact*, full objects) and the account's contacts (/me/contact*, ids),
// which share ids; changes of a domain's admin, tech or billing NIC (/domain/{sn}/changeContact)
// and the requests they open (/me/task/contactChange*). @see docs/OVH-API.md 6
import { defineRoute } from '../http/route.js'
import type { OvhCallContext, SandboxArea } from '../http/route.js'
import { createContact, requireContact, toDomainContact, toMeContact } from '../model/contacts.js'
import type { ContactInput } from '../model/contacts.js'
import { contactFieldRules, updateContact } from '../model/contact-updates.js'
import {
  acceptContactChange, contactChangeEvents, findContactChange, refuseContactChange, requestContactChanges, resendContactChangeEmail,
  toContactChangeTask, visibleContactChanges
} from '../model/contact-changes.js'
import type { ContactChanges } from '../model/contact-changes.js'
import { findDomain } from '../model/domains.js'
import type { ContactState } from '../state/types.js'
import { formatDateTime } from '../time.js'

const contactOf = ({ account, params }: OvhCallContext): ContactState => requireContact(account, Number(params.contactId))
const changeOf = ({ state, account, params }: OvhCallContext) => findContactChange(state, account.nic, Number(params.id))

export const contactsArea: SandboxArea = {
  name: 'contacts',
  events: contactChangeEvents,
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain/contact',
      handler: ({ account }) => Object.values(account.contacts).sort((a, b) => a.id - b.id).map(toDomainContact)
    }),
    defineRoute({
      method: 'POST',
      path: '/domain/contact',
      handler: ({ sandbox, account, body }) => toDomainContact(createContact(sandbox, account, body as ContactInput))
    }),
    defineRoute({
      method: 'GET',
      path: '/domain/contact/{contactId}',
      batch: true,
      handler: context => toDomainContact(contactOf(context))
    }),
    defineRoute({
      method: 'PUT',
      path: '/domain/contact/{contactId}',
      handler: context => toDomainContact(updateContact(context.sandbox, context.account, contactOf(context), context.body as ContactInput))
    }),

    defineRoute({
      method: 'GET',
      path: '/me/contact',
      handler: ({ account }) => Object.values(account.contacts).map(contact => contact.id).sort((a, b) => a - b)
    }),
    defineRoute({
      method: 'POST',
      path: '/me/contact',
      handler: ({ sandbox, account, body }) => toMeContact(createContact(sandbox, account, body as ContactInput))
    }),
    defineRoute({
      method: 'GET',
      path: '/me/contact/{contactId}',
      batch: true,
      handler: context => toMeContact(contactOf(context))
    }),
    defineRoute({
      method: 'PUT',
      path: '/me/contact/{contactId}',
      handler: context => toMeContact(updateContact(context.sandbox, context.account, contactOf(context), context.body as ContactInput))
    }),
    defineRoute({
      method: 'GET',
      path: '/me/contact/{contactId}/fields',
      handler: context => contactFieldRules(context.account, contactOf(context))
    }),

    defineRoute({
      method: 'POST',
      path: '/domain/{serviceName}/changeContact',
      handler: ({ sandbox, account, params, body }) => requestContactChanges(sandbox, account, findDomain(account, String(params.serviceName)), body as ContactChanges)
    }),
    defineRoute({
      method: 'GET',
      path: '/me/task/contactChange',
      handler: ({ state, account, query }) => visibleContactChanges(state, account.nic)
        .filter(change => (query.askingAccount === undefined || change.askingAccount === query.askingAccount) &&
          (query.state === undefined || change.state === query.state) &&
          (query.toAccount === undefined || change.toAccount === query.toAccount))
        .map(change => change.id)
    }),
    defineRoute({
      method: 'GET',
      path: '/me/task/contactChange/{id}',
      batch: true,
      handler: context => toContactChangeTask(changeOf(context), formatDateTime)
    }),
    defineRoute({
      method: 'POST',
      path: '/me/task/contactChange/{id}/accept',
      handler (context) {
        acceptContactChange(context.sandbox, changeOf(context), context.account.nic, String((context.body as { token: string }).token))
        return null
      }
    }),
    defineRoute({
      method: 'POST',
      path: '/me/task/contactChange/{id}/refuse',
      handler (context) {
        refuseContactChange(context.sandbox, changeOf(context), context.account.nic, String((context.body as { token: string }).token))
        return null
      }
    }),
    defineRoute({
      method: 'POST',
      path: '/me/task/contactChange/{id}/resendEmail',
      handler (context) {
        resendContactChangeEmail(changeOf(context))
        return null
      }
    })
  ]
}
