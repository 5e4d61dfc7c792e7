// REST: /v1/bills (list over a period), /v1/bills/{billId} (with lines and payment) and
// /v1/bills/export.csv (one line per bill line, for reconciliation), over the same service as GraphQL,
// and beside it /v1/orders/export.csv (one line per order, order-export.ts).
import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { freshnessQuery } from '../domains/freshness-query.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { restPageSchema } from '../shared/rest-page.js'
import { dateQuery } from '../shared/date-query.js'
import { textAnswer } from '../shared/text-answer.js'
import { field } from '../domains/csv.js'
import { BillSchema } from './schemas.js'
import { billLines, billPayment, exportBillRows, listBills, requireBill } from './service.js'
import { ORDER_CSV_COLUMNS, exportOrderRows } from './order-export.js'

export const CSV_COLUMNS = ['billId', 'date', 'orderId', 'domain', 'description', 'quantity', 'unitPrice', 'totalWithoutTax', 'totalWithTax', 'currency'] as const

/** The rows as CSV lines, header first, in the order of `columns` (the cells as domains/csv.ts writes them). */
function * csvOf<Row extends Record<Column, string | number | null>, Column extends string> (columns: readonly Column[], rows: Row[]): Generator<string> {
  yield `${columns.join(',')}\r\n`
  for (const row of rows) yield columns.map(column => field(row[column])).join(',') + '\r\n'
}

/** Sends the lines as a CSV attachment named `filename`. */
function sendCsv (reply: FastifyReply, filename: string, lines: Iterable<string>): FastifyReply {
  reply.header('content-disposition', `attachment; filename="${filename}"`)
  reply.type('text/csv; charset=utf-8')
  return reply.send(Readable.from(lines))
}

const billParams = z.object({ billId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).describe('OVH\'s bill id, e.g. FR41000001') })
const period = {
  from: dateQuery('Bills from this instant'),
  to: dateQuery('Bills up to this instant')
}

const billRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/bills', {
    schema: {
      operationId: 'listBills',
      tags: ['bills'],
      summary: 'The account\'s bills, newest first, over a period (lines and payment: GET /v1/bills/{billId}); operators and admins',
      querystring: z.object({
        first: z.coerce.number().int().min(1).max(100).default(20),
        after: z.string().optional(),
        ...period
      }),
      response: { 200: restPageSchema(BillSchema) }
    }
  }, async function (request) {
    const { first, after, from, to } = request.query
    const page = await listBills(request.caller, { first, after, filter: { from, to } })
    return {
      items: page.nodes,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount
    }
  })

  app.get('/bills/export.csv', {
    schema: {
      operationId: 'exportBillsCsv',
      tags: ['bills'],
      summary: 'The bills of a period as CSV (text/csv), one line per bill line, oldest bill first; operators and admins',
      description: 'Columns: billId, date, orderId, domain, description, quantity, unitPrice, totalWithoutTax, totalWithTax (the line\'s share of its bill\'s tax, rounded to the cent), currency. ' +
        'The period is a year at most (from defaults to a year before to, to to now); one whose bills need more OVH calls than the consumer key\'s budget allows is refused with BAD_USER_INPUT.',
      querystring: z.object(period),
      response: {
        200: textAnswer('text/csv', 'The CSV file, a header line first', { 'content-disposition': 'attachment; filename="bills.csv"' })
      }
    }
  }, async function (request, reply) {
    return sendCsv(reply, 'bills.csv', csvOf(CSV_COLUMNS, await exportBillRows(request.caller, request.query)))
  })

  // Beside the bills' CSV: what the tenant sold, to match against what OVH billed.
  app.get('/orders/export.csv', {
    schema: {
      operationId: 'exportOrdersCsv',
      tags: ['orders'],
      summary: 'The orders of a period as CSV (text/csv), one line per order, oldest first, with your client reference and resale totals',
      description: 'Columns: orderId, date, status, clientReference, domains (space-separated), totalWithoutTax, tax, totalWithTax (resale prices, your price rules applied), ' +
        'costWithoutTax, costWithTax (OVH\'s own totals: empty for viewers), currency. The period is a year at most (from defaults to a year before to, to to now); ' +
        'one whose orders need more OVH calls than the consumer key\'s budget allows (three per order read from OVH) is refused with BAD_USER_INPUT. ' +
        'When the account is mirrored and the period starts inside the mirrored window, the orders, statuses and lines come from the mirror (no OVH call for them; `live=true` reads OVH).',
      querystring: z.object({ from: dateQuery('Orders from this instant'), to: dateQuery('Orders up to this instant'), ...freshnessQuery }),
      response: {
        200: textAnswer('text/csv', 'The CSV file, a header line first', { 'content-disposition': 'attachment; filename="orders.csv"' })
      }
    }
  }, async function (request, reply) {
    const { rows, source } = await exportOrderRows(request.caller, request.query)
    reply.header('x-data-source', source.toLowerCase())
    return sendCsv(reply, 'orders.csv', csvOf(ORDER_CSV_COLUMNS, rows))
  })

  app.get('/bills/:billId', {
    schema: {
      operationId: 'getBill',
      tags: ['bills'],
      summary: 'One bill with its lines and payment; operators and admins',
      params: billParams,
      response: { 200: BillSchema }
    }
  }, async function (request) {
    const caller = request.caller
    const bill = await requireBill(caller, request.params.billId)
    const [lines, payment] = await Promise.all([billLines(caller, bill.billId), billPayment(caller, bill.billId)])
    return { ...bill, lines, payment }
  })
}

export default billRoutes
