// Thrown for a bad admin request; the HTTP layer turns it into {error, message} with this status.
export class AdminError extends Error {
  readonly statusCode: number

  constructor (statusCode: number, message: string) {
    super(message)
    this.name = 'AdminError'
    this.statusCode = statusCode
  }
}
