// Builds the exact path, query string and body text that are both signed and sent.
// @see docs/OVH-API.md 2.3 (sign exactly the bytes you forward)

export type PathParams = Record<string, string | number>
export type QueryValue = string | number | boolean | null | undefined | string[]
export type Query = Record<string, QueryValue>

const PLACEHOLDER = /\{([^{}/]+)\}/g

export function routePlaceholders (route: string): string[] {
  return [...route.matchAll(PLACEHOLDER)].map(match => match[1])
}

function encodeParam (route: string, name: string, value: string | number | undefined): string {
  if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${route}`)
  const text = String(value)
  // An empty segment would silently address another route ('/domain//task').
  if (text === '') throw new TypeError(`Empty path parameter "${name}" for ${route}`)
  // encodeURIComponent turns '/' into %2F, which OVH needs for IP blocks (docs 2.3).
  return encodeURIComponent(text)
}

// Fills '{name}' placeholders; `raw` supplies values that are already encoded
// (the comma-joined ids of a batch read, whose commas must stay raw).
export function expandRoute (route: string, params: PathParams = {}, raw: Record<string, string> = {}): string {
  if (!route.startsWith('/')) throw new TypeError(`OVH route must start with "/": ${route}`)
  // The query string is built (and signed) from opts.query only.
  if (/[?#]/.test(route)) throw new TypeError(`OVH route must not contain "?" or "#"; use query parameters: ${route}`)
  return route.replace(PLACEHOLDER, (_, name: string) => {
    if (Object.hasOwn(raw, name)) return raw[name]
    return encodeParam(route, name, Object.hasOwn(params, name) ? params[name] : undefined)
  })
}

// Drops null/undefined, writes booleans as true/false and repeats array keys, in the
// caller's key order; the result is part of the signed URL, so it is built only once.
export function buildQuery (query: Query | undefined): string {
  if (query === undefined) return ''
  const parts: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue
    const values = Array.isArray(value) ? value : [value]
    for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`)
  }
  return parts.length === 0 ? '' : '?' + parts.join('&')
}

// Non-ASCII characters become \uXXXX escapes, as python-ovh and node-ovh do, so the signed
// text and the bytes on the wire are the same whatever charset anyone assumes.
function escapeNonAscii (json: string): string {
  return json.replace(/[\u007f-\uffff]/g, ch => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'))
}

// Serialises the body once; undefined means "no body". JSON.stringify(undefined) has no text.
export function serializeBody (body: unknown): string | undefined {
  if (body === undefined) return undefined
  const json = JSON.stringify(body)
  if (json === undefined) throw new TypeError('OVH request body is not JSON-serialisable')
  return escapeNonAscii(json)
}
