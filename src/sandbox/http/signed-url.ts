// The URL a client signed, rebuilt as OVH does behind its TLS front: scheme from X-Forwarded-Proto
// (else the connection's), host from the Host header as sent (no default port added), then the raw
// request target exactly as received (mount prefix and query string included).
import type { TLSSocket } from 'node:tls'
import type { FastifyRequest } from 'fastify'

export function schemeOf (request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-proto']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim()
  if (first !== undefined && first !== '') return first.toLowerCase()
  return (request.raw.socket as TLSSocket).encrypted === true ? 'https' : 'http'
}

// 'https://gw.example:8443': where the client thinks the sandbox is.
export function originOf (request: FastifyRequest): string {
  return `${schemeOf(request)}://${request.headers.host ?? ''}`
}

export function signedUrlOf (request: FastifyRequest): string {
  return originOf(request) + (request.raw.url ?? request.url)
}
