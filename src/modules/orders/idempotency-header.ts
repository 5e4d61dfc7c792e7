// The Idempotency-Key header of the REST routes that order (checkout, orderDomain, trade). It is
// required, but checkIdempotencyKey checks it in the service, so that REST and GraphQL report the
// same field (`idempotencyKey`): the route lets it through, and the document says it is required.
import { z } from 'zod'
import { IDEMPOTENCY_KEY_FORMAT } from './idempotency.js'

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z.string().optional().meta({
    pattern: IDEMPOTENCY_KEY_FORMAT.source,
    description: 'A unique key per order attempt (a UUID), sent again when the same order is retried; ' +
      'missing or malformed: BAD_USER_INPUT on idempotencyKey'
  })
}).meta({ required: ['idempotency-key'] })
