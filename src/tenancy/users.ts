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
    }
  }
}

export type UserStore = ReturnType<typeof createUserStore>
