// Users of a tenant, each with one role.
import type { Db } from '../db/client.js'
import type { User } from '../generated/prisma/client.js'
import type { Role } from './roles.js'

export function createUserStore (db: Db) {
  return {
    create (input: { tenantId: string, email: string, name?: string | null, role: Role }): Promise<User> {
      return db.user.create({ data: { tenantId: input.tenantId, email: input.email.toLowerCase(), name: input.name ?? null, role: input.role } })
    },

    findByEmail (tenantId: string, email: string): Promise<User | null> {
      return db.user.findUnique({ where: { tenantId_email: { tenantId, email: email.toLowerCase() } } })
    },

    list (tenantId: string): Promise<User[]> {
      return db.user.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } })
    },

    // By (tenant, id): a user id of another tenant is not found, whatever the caller sends.
    findById (tenantId: string, id: string): Promise<User | null> {
      return isUuid(id) ? db.user.findFirst({ where: { tenantId, id } }) : Promise.resolve(null)
    },

    async update (tenantId: string, id: string, data: { role?: Role, name?: string | null, disabledAt?: Date | null }): Promise<User | null> {
      const { count } = await db.user.updateMany({ where: { tenantId, id }, data })
      return count === 0 ? null : db.user.findFirst({ where: { tenantId, id } })
    }
  }
}

export function isUuid (value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}

export type UserStore = ReturnType<typeof createUserStore>
