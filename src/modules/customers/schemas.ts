// REST shapes of the customers area, shared by its routes.
import { z } from 'zod'

export const CustomerSchema = z.object({
  id: z.string(),
  reference: z.string().describe('The tenant\'s own reference for the customer (unique in the tenant), which orders name'),
  name: z.string(),
  email: z.string().describe('The customer\'s contact e-mail'),
  domains: z.array(z.string()).describe('The domains the customer owns, in name order'),
  createdAt: z.date(),
  updatedAt: z.date()
})

export const CustomerId = z.object({ id: z.uuid({ error: 'must be a customer id' }) })

export const CustomerKeyUserSchema = z.object({
  userId: z.string().nullable().describe('The user whose consumer key signs for customer users without one of their own; null: none'),
  email: z.string().nullable(),
  credentialState: z.string().nullable().describe('The state of that user\'s consumer key (validated, pendingValidation...); null when there is none')
})
