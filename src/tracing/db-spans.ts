// A CLIENT span per Prisma operation (model and operation, never the arguments or the SQL's
// values), made by a Prisma client extension around every query. @prisma/instrumentation would give
// finer spans (SQL, connection), but it drags in @opentelemetry/instrumentation and works through a
// process-wide global; one span per operation answers "how long did the database take".
// Only inside a traced request or operation: the background jobs' polling would otherwise make a
// trace of a single query every few seconds.
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api'
import type { Tracer } from '@opentelemetry/api'
import {
  ATTR_DB_COLLECTION_NAME, ATTR_DB_OPERATION_NAME, ATTR_DB_SYSTEM_NAME, ATTR_ERROR_TYPE, DB_SYSTEM_NAME_VALUE_POSTGRESQL
} from '@opentelemetry/semantic-conventions'
import type { Db } from '../db/client.js'
import { errorType } from './http-spans.js'

export function tracedDb (db: Db, tracer: Tracer): Db {
  const extended = db.$extends({
    name: 'tracing',
    query: {
      async $allOperations ({ model, operation, args, query }) {
        const parent = context.active()
        if (trace.getSpan(parent) === undefined) return await query(args)
        const span = tracer.startSpan(model === undefined ? operation : `${operation} ${model}`, {
          kind: SpanKind.CLIENT,
          attributes: {
            [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
            [ATTR_DB_OPERATION_NAME]: operation,
            ...(model === undefined ? {} : { [ATTR_DB_COLLECTION_NAME]: model })
          }
        }, parent)
        try {
          return await query(args)
        } catch (err) {
          span.setAttribute(ATTR_ERROR_TYPE, errorType(err))
          span.setStatus({ code: SpanStatusCode.ERROR })
          throw err
        } finally {
          span.end()
        }
      }
    }
  })
  // A query-only extension changes no model's or result's type: the client is still a Db to every
  // store, and the original keeps its pool (db/client.ts poolStats).
  return extended as unknown as Db
}
