// What names an order's OVH scope (ovh-scope.ts), apart from the helpers that read it off a Caller:
// the stores that record it (carts, idempotency keys, holds, references) are built before any
// Caller exists and import only this (no import cycle through the Caller and the stores).
export interface OvhScope {
  endpoint: string
  account: string
}
