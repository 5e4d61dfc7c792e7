// OVH's two error body shapes, thrown by sandbox code and sent as-is by the OVH routes' error handler.
// @see docs/OVH-API.md 3
import { STATUS_CODES } from 'node:http'

// Older shape, still used by OVH's signature and credential layer.
export interface OvhAuthErrorBody {
  errorCode: string
  httpCode: string
  message: string
}

// Current shape, used by every business error.
export interface OvhClassErrorBody {
  class: string
  message: string
  details?: Record<string, string>
}

export type OvhErrorBody = OvhAuthErrorBody | OvhClassErrorBody

export class OvhError extends Error {
  readonly statusCode: number
  readonly body: OvhErrorBody
  readonly headers: Record<string, string>

  constructor (statusCode: number, body: OvhErrorBody, headers: Record<string, string> = {}) {
    super(body.message)
    this.name = 'OvhError'
    this.statusCode = statusCode
    this.body = body
    this.headers = headers
  }
}

export function httpCode (status: number): string {
  return `${status} ${STATUS_CODES[status] ?? 'Unknown'}`
}

export function authError (status: number, errorCode: string, message: string): OvhError {
  return new OvhError(status, { errorCode, httpCode: httpCode(status), message })
}

export function classError (status: number, className: string, message: string, details?: Record<string, string>): OvhError {
  return new OvhError(status, details === undefined ? { class: className, message } : { class: className, message, details })
}

export function badRequest (message: string, details?: Record<string, string>): OvhError {
  return classError(400, 'Client::BadRequest', message, details)
}

export function notFound (message: string): OvhError {
  return classError(404, 'Client::NotFound', message)
}

// What OVH answers for a path or method it does not serve (seen live, e.g. terraform-provider-ovh
// docs: `Client::NotFound: "Got an invalid (or empty) URL"`).
export function invalidUrl (): OvhError {
  return notFound('Got an invalid (or empty) URL')
}

// What OVH answers for a service that is not on the caller's account, whether or not it exists
// elsewhere (seen live on /domain/zone/{zoneName}/status, cert-manager-webhook-ovh#39).
export function serviceNotFound (): OvhError {
  return notFound('This service does not exist')
}

// The class used by 5xx and other non-client statuses (injected faults, internal errors).
export function classForStatus (status: number): string {
  const words = (STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z ]/g, '').split(' ')
  const name = words.map(word => word.charAt(0).toUpperCase() + word.slice(1)).join('')
  return `${status >= 500 ? 'Server' : 'Client'}::${name}`
}
