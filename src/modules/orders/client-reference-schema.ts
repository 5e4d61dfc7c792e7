// The REST body field of a client reference, documented from the schema the service checks with.
import { z } from 'zod'
import { checkedInService } from '../shared/checked-in-service.js'
import { ClientReferenceSchema } from './client-reference.js'

export const ClientReferenceBody = checkedInService(z.string(), ClientReferenceSchema).optional()
  .describe('Your own reference for the sale (1 to 100 printable characters), stored with the order and searchable: GET /v1/orders?clientReference=')
