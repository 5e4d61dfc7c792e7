// A bill's pdf and html, where billing.Bill's pdfUrl and url point: OVH serves them to whoever has
// the link (the reference and the bill's password), without signing, as this does.
import type { FastifyInstance } from 'fastify'
import { billTotalCents, toBill, toBillDetail, toBillPayment } from '../model/bills.js'
import type { Sandbox } from '../sandbox.js'
import type { BillState } from '../state/order-types.js'

export interface BillPageOptions {
  sandbox: Sandbox
}

const escape = (text: string) => text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)

function billText (bill: BillState): string[] {
  const view = toBill(bill, '')
  const payment = toBillPayment(bill)
  return [
    `OVH sandbox bill ${bill.billId} of ${view.date}, order ${bill.orderId}`,
    ...bill.lines.map(line => {
      const detail = toBillDetail(bill, line)
      return `${detail.description}: ${detail.quantity} x ${detail.unitPrice.text} = ${detail.totalPrice.text}`
    }),
    `Total without tax: ${view.priceWithoutTax.text}, tax: ${view.tax.text}, total: ${view.priceWithTax.text}`,
    `Paid on ${payment.paymentDate} (${payment.paymentType}); ${billTotalCents(bill) === 0 ? 'nothing due' : 'nothing left to pay'}`
  ]
}

// A one-page PDF 1.4 with the lines in Helvetica: enough for a viewer to open it.
function pdfOf (lines: string[]): Buffer {
  const text = lines.map((line, index) => `BT /F1 10 Tf 40 ${800 - 16 * index} Td (${line.replace(/[\\()]/g, char => `\\${char}`).replace(/[^\x20-\x7e]/g, '?')}) Tj ET`).join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body))
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body)
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map(offset => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

export async function billPages (scope: FastifyInstance, { sandbox }: BillPageOptions): Promise<void> {
  const find = (reference: string | undefined, passwd: string | undefined): BillState | undefined => {
    for (const account of Object.values(sandbox.state.accounts)) {
      const bill = account.bills?.[reference ?? '']
      if (bill !== undefined && bill.password === passwd) return bill
    }
    return undefined
  }
  type Query = { Querystring: { reference?: string, passwd?: string } }
  scope.get<Query>('/bill.html', async (request, reply) => {
    const bill = find(request.query.reference, request.query.passwd)
    if (bill === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such bill\n')
    const [title, ...rest] = billText(bill).map(escape)
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${rest.map(line => `<p>${line}</p>`).join('')}</body></html>\n`)
  })
  scope.get<Query>('/bill.pdf', async (request, reply) => {
    const bill = find(request.query.reference, request.query.passwd)
    if (bill === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such bill\n')
    return reply.type('application/pdf').send(pdfOf(billText(bill)))
  })
}
