// Global ids of the objects behind the Node interface (Query.node): base64 of `<Type>:<local id>`,
// e.g. `Order:12345`. The type in the id is what lets node(id:) pick the getter without a lookup
// table; clients treat the id as opaque, so its form may change without breaking them.
import { badUserInput } from '../errors.js'

export function toGlobalId (type: string, localId: string | number): string {
  return Buffer.from(`${type}:${localId}`, 'utf8').toString('base64')
}

/**
 * The type and local id of a global id; BAD_USER_INPUT (on `field`) when it is not one this
 * gateway made. Buffer ignores what is not base64, so the id must encode back to itself.
 */
export function fromGlobalId (id: string, field = 'id'): { type: string, localId: string } {
  const decoded = Buffer.from(id, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (id === '' || Buffer.from(decoded, 'utf8').toString('base64') !== id || colon <= 0 || colon === decoded.length - 1) {
    throw badUserInput(`${field} is not a global id (Node.id)`, [{ field, message: 'not a global id: pass the id field of a Node' }])
  }
  return { type: decoded.slice(0, colon), localId: decoded.slice(colon + 1) }
}
