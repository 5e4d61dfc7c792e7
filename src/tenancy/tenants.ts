// Tenants (resellers) and their OVH application. The application secret is stored sealed.
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.js'
import type { Tenant } from '../generated/prisma/client.js'
import type { SecretBox } from '../crypto/secret-box.js'

export interface OvhApplication {
  endpoint: string
  applicationKey: string
  applicationSecret: string
}

export interface NewTenant {
  slug: string
  name: string
  ovhEndpoint: string
  ovhApplicationKey: string
  ovhApplicationSecret: string
  ovhSubsidiary?: string
}

export const applicationSecretContext = (tenantId: string): string => `tenant-application-secret:${tenantId}`

export function createTenantStore (db: Db, secrets: SecretBox) {
  return {
    create (input: NewTenant): Promise<Tenant> {
      const id = randomUUID()
      return db.tenant.create({
        data: {
          id,
          slug: input.slug,
          name: input.name,
          ovhEndpoint: input.ovhEndpoint,
          ovhApplicationKey: input.ovhApplicationKey,
          ovhApplicationSecret: secrets.seal(input.ovhApplicationSecret, applicationSecretContext(id)),
          ovhSubsidiary: input.ovhSubsidiary ?? 'FR'
        }
      })
    },

    findBySlug (slug: string): Promise<Tenant | null> {
      return db.tenant.findUnique({ where: { slug } })
    },

    list (): Promise<Tenant[]> {
      return db.tenant.findMany({ orderBy: { createdAt: 'asc' } })
    },

    application (tenant: Tenant): OvhApplication {
      return {
        endpoint: tenant.ovhEndpoint,
        applicationKey: tenant.ovhApplicationKey,
        applicationSecret: secrets.open(tenant.ovhApplicationSecret, applicationSecretContext(tenant.id))
      }
    }
  }
}

export type TenantStore = ReturnType<typeof createTenantStore>
