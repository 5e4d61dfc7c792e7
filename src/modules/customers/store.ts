// A tenant's end customers, the domains each owns and the users limited to them. Every query names
// the tenant, so an id of another tenant is not found, whatever the caller sends.
import type { Db } from '../../db/client.js'
import type { Customer } from '../../generated/prisma/client.js'
import { isUuid } from '../../tenancy/users.js'

export interface CustomerFields {
  reference: string
  name: string
  email: string
}

export function createCustomerStore (db: Db) {
  return {
    create (tenantId: string, fields: CustomerFields): Promise<Customer> {
      return db.customer.create({ data: { tenantId, ...fields } })
    },

    list (tenantId: string, ids?: readonly string[]): Promise<Customer[]> {
      return db.customer.findMany({ where: { tenantId, ...(ids ? { id: { in: [...ids] } } : {}) }, orderBy: { createdAt: 'asc' } })
    },

    findById (tenantId: string, id: string): Promise<Customer | null> {
      return isUuid(id) ? db.customer.findFirst({ where: { tenantId, id } }) : Promise.resolve(null)
    },

    findByReference (tenantId: string, reference: string): Promise<Customer | null> {
      return db.customer.findUnique({ where: { tenantId_reference: { tenantId, reference } } })
    },

    /** Customers named by id or by reference; what matches nothing is left out. */
    resolve (tenantId: string, keys: readonly string[]): Promise<Customer[]> {
      const ids = keys.filter(isUuid)
      return db.customer.findMany({ where: { tenantId, OR: [{ id: { in: ids } }, { reference: { in: [...keys] } }] } })
    },

    async update (tenantId: string, id: string, data: Partial<CustomerFields>): Promise<Customer | null> {
      const { count } = await db.customer.updateMany({ where: { tenantId, id }, data })
      return count === 0 ? null : db.customer.findFirst({ where: { tenantId, id } })
    },

    async delete (tenantId: string, id: string): Promise<boolean> {
      const { count } = await db.customer.deleteMany({ where: { tenantId, id } })
      return count > 0
    },

    async domainsOf (tenantId: string, customerIds: readonly string[]): Promise<string[]> {
      if (customerIds.length === 0) return []
      const rows = await db.customerDomain.findMany({ where: { tenantId, customerId: { in: [...customerIds] } }, select: { domain: true }, orderBy: { domain: 'asc' } })
      return rows.map(row => row.domain)
    },

    /** The domains of each of these customers, by customer id. */
    async domainsByCustomer (tenantId: string, customerIds: readonly string[]): Promise<Map<string, string[]>> {
      const rows = await db.customerDomain.findMany({ where: { tenantId, customerId: { in: [...customerIds] } }, orderBy: { domain: 'asc' } })
      const byCustomer = new Map<string, string[]>(customerIds.map(id => [id, []]))
      for (const row of rows) byCustomer.get(row.customerId)?.push(row.domain)
      return byCustomer
    },

    /** The customers each of these users is limited to, by user id (limited users only). */
    async limitsOf (userIds: readonly string[]): Promise<Map<string, string[]>> {
      const rows = await db.userCustomer.findMany({ where: { userId: { in: [...userIds] } } })
      const byUser = new Map<string, string[]>()
      for (const row of rows) byUser.set(row.userId, [...byUser.get(row.userId) ?? [], row.customerId])
      return byUser
    },

    /** Each domain's owner among `domains` (names lower case). */
    async ownersOf (tenantId: string, domains: readonly string[]): Promise<Map<string, string>> {
      const rows = await db.customerDomain.findMany({ where: { tenantId, domain: { in: [...domains] } } })
      return new Map(rows.map(row => [row.domain, row.customerId]))
    },

    /**
     * Replaces a customer's domains. A domain owned by another customer moves to this one (a domain
     * has one owner per tenant), in one transaction so no reader sees it owned twice or by none.
     */
    async setDomains (tenantId: string, customerId: string, domains: readonly string[]): Promise<void> {
      await db.$transaction([
        db.customerDomain.deleteMany({ where: { tenantId, OR: [{ customerId }, { domain: { in: [...domains] } }] } }),
        db.customerDomain.createMany({ data: domains.map(domain => ({ tenantId, customerId, domain })) })
      ])
    },

    /** Gives one domain to a customer (an order placed for them), taking it from any other. */
    async assignDomain (tenantId: string, customerId: string, domain: string): Promise<void> {
      await db.customerDomain.upsert({
        where: { tenantId_domain: { tenantId, domain } },
        create: { tenantId, customerId, domain },
        update: { customerId }
      })
    },

    /** The customers a user is limited to, or null when the user is not limited. */
    async limitOf (userId: string, customerLimited: boolean): Promise<string[] | null> {
      if (!customerLimited) return null
      const rows = await db.userCustomer.findMany({ where: { userId }, select: { customerId: true } })
      return rows.map(row => row.customerId)
    },

    /** Limits a user to these customers (null: no limit). */
    async setLimit (tenantId: string, userId: string, customerIds: readonly string[] | null): Promise<void> {
      await db.$transaction([
        db.userCustomer.deleteMany({ where: { userId } }),
        db.userCustomer.createMany({ data: (customerIds ?? []).map(customerId => ({ userId, customerId })) }),
        db.user.updateMany({ where: { tenantId, id: userId }, data: { customerLimited: customerIds !== null } })
      ])
    },

    async setKeyUser (tenantId: string, userId: string | null): Promise<void> {
      await db.tenant.update({ where: { id: tenantId }, data: { customerKeyUserId: userId } })
    }
  }
}

export type CustomerStore = ReturnType<typeof createCustomerStore>
