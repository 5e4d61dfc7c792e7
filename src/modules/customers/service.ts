// A tenant's end customers, for its admins: create, read, change, delete, and give each its
// domains. One service for GraphQL, REST and the order flow (./order-assignment.ts); every change
// goes to the audit trail, and nothing leaves the caller's tenant whatever ids are sent.
import { z } from 'zod'
import type { Customer } from '../../generated/prisma/client.js'
import { gatewayError, notFound } from '../../errors.js'
import { conflictOnDuplicate } from '../../admin/context.js'
import { validateInput, nothingToChange } from '../shared/validate.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { audit } from '../access/context.js'
import type { AccessContext } from '../access/context.js'
import type { CustomerStore } from './store.js'

export interface CustomerView {
  id: string
  reference: string
  name: string
  email: string
  domains: string[]
  createdAt: Date
  updatedAt: Date
}

// At most this many domains per PUT: the whole list travels in one request and one transaction.
export const MAX_CUSTOMER_DOMAINS = 10_000

const Reference = z.string().trim().min(1, 'must not be empty').max(100).regex(/^[^\s]+$/, 'has no spaces')
const CreateSchema = z.object({
  reference: Reference,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  email: z.email({ error: 'must be an e-mail address' }).max(254)
})
const UpdateSchema = z.object({
  reference: Reference.nullish().transform(value => value ?? undefined),
  name: z.string().trim().min(1).max(200).nullish().transform(value => value ?? undefined),
  email: z.email({ error: 'must be an e-mail address' }).max(254).nullish().transform(value => value ?? undefined)
})
const DomainsSchema = z.array(z.string().max(1000)).max(MAX_CUSTOMER_DOMAINS)

export type CreateCustomerInput = z.input<typeof CreateSchema>
export type UpdateCustomerInput = z.input<typeof UpdateSchema>

const view = (customer: Customer, domains: string[]): CustomerView => ({
  id: customer.id,
  reference: customer.reference,
  name: customer.name,
  email: customer.email,
  domains,
  createdAt: customer.createdAt,
  updatedAt: customer.updatedAt
})

async function withDomains (ctx: AccessContext, customers: Customer[]): Promise<CustomerView[]> {
  const domains = await ctx.admin.stores.customers.domainsByCustomer(ctx.tenant.id, customers.map(customer => customer.id))
  return customers.map(customer => view(customer, domains.get(customer.id) ?? []))
}

/** A customer of the context's tenant; another tenant's id is NOT_FOUND, as an unknown one. */
async function customerOf (ctx: AccessContext, id: string): Promise<Customer> {
  const customer = await ctx.admin.stores.customers.findById(ctx.tenant.id, id)
  if (customer === null) throw notFound('customer')
  return customer
}

export async function listCustomers (ctx: AccessContext): Promise<CustomerView[]> {
  return await withDomains(ctx, await ctx.admin.stores.customers.list(ctx.tenant.id))
}

export async function getCustomer (ctx: AccessContext, id: string): Promise<CustomerView> {
  return (await withDomains(ctx, [await customerOf(ctx, id)]))[0]
}

export async function createCustomer (ctx: AccessContext, input: CreateCustomerInput): Promise<CustomerView> {
  const valid = validateInput(CreateSchema, input, 'input')
  const customer = await ctx.admin.stores.customers.create(ctx.tenant.id, { ...valid, email: valid.email.toLowerCase() })
    .catch(err => conflictOnDuplicate(err, `customer "${valid.reference}"`))
  audit(ctx, 'customer.create', { customerId: customer.id, reference: customer.reference })
  return view(customer, [])
}

export async function updateCustomer (ctx: AccessContext, id: string, input: UpdateCustomerInput): Promise<CustomerView> {
  const valid = validateInput(UpdateSchema, input, 'input')
  if (valid.reference === undefined && valid.name === undefined && valid.email === undefined) throw nothingToChange('input', 'reference, name, email')
  const customer = await customerOf(ctx, id)
  const updated = await ctx.admin.stores.customers.update(ctx.tenant.id, customer.id, { ...valid, email: valid.email?.toLowerCase() })
    .catch(err => conflictOnDuplicate(err, `customer "${valid.reference ?? ''}"`))
  if (updated === null) throw notFound('customer')
  audit(ctx, 'customer.update', { customerId: customer.id, reference: valid.reference ?? null, name: valid.name ?? null, email: valid.email ?? null })
  return (await withDomains(ctx, [updated]))[0]
}

/** Deletes a customer and its domain assignments; users limited to it see its domains no more. */
export async function deleteCustomer (ctx: AccessContext, id: string): Promise<CustomerView> {
  const customer = await getCustomer(ctx, id)
  if (!await ctx.admin.stores.customers.delete(ctx.tenant.id, customer.id)) throw notFound('customer')
  audit(ctx, 'customer.delete', { customerId: customer.id, reference: customer.reference, domains: customer.domains.length })
  return customer
}

/**
 * Replaces a customer's domains. Names are checked and stored as OVH spells them; a domain another
 * customer owned moves to this one. The gateway does not ask OVH whether the account holds them:
 * a name it does not hold grants nothing, since OVH answers it "does not exist" to everyone.
 */
export async function setCustomerDomains (ctx: AccessContext, id: string, domains: readonly string[]): Promise<CustomerView> {
  const raw = validateInput(DomainsSchema, domains, 'domains')
  const names = [...new Set(raw.map((name, index) => normalizeDomainName(name, `domains.${index}`)))].sort()
  const customer = await customerOf(ctx, id)
  const owners = await ctx.admin.stores.customers.ownersOf(ctx.tenant.id, names)
  await ctx.admin.stores.customers.setDomains(ctx.tenant.id, customer.id, names)
  const moved = names.filter(name => owners.has(name) && owners.get(name) !== customer.id)
  audit(ctx, 'customer.domains.set', { customerId: customer.id, reference: customer.reference, domains: names.length, movedFromOtherCustomers: moved.join(',') || null })
  return view(customer, names)
}

/** The customers these ids or references name in the tenant; any unknown one is BAD_USER_INPUT. */
export async function customerIdsOf (ctx: AccessContext, keys: readonly string[], field: string): Promise<string[]> {
  return await resolveCustomerKeys(ctx.admin.stores.customers, ctx.tenant.id, keys, field)
}

/** The same, for a caller outside an admin context (a token being made). */
export async function resolveCustomerKeys (store: CustomerStore, tenantId: string, keys: readonly string[], field: string): Promise<string[]> {
  const found = await store.resolve(tenantId, keys)
  const unknown = keys.filter(key => !found.some(customer => customer.id === key || customer.reference === key))
  if (unknown.length > 0) {
    throw gatewayError('BAD_USER_INPUT', `unknown customers: ${unknown.join(', ')}`, { fields: [{ field, message: `not customers of this tenant: ${unknown.join(', ')}` }] })
  }
  return [...new Set(found.map(customer => customer.id))]
}
