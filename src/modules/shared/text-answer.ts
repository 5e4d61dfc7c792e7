// A success answer that is not JSON (a CSV file, an HTML page), declared in the route's schema so the
// OpenAPI document shows it. Only the document reads it: Fastify sends a string or a stream with a
// non-JSON content type as it is, never through the zod serializer. @fastify/type-provider-zod's
// document transform takes zod schemas only; plugins/rest.ts hands it the zod answers and keeps
// these, which @fastify/swagger understands as they are (an OpenAPI response with `content`).
export interface TextAnswer {
  description: string
  content: Record<string, { schema: { type: 'string' } }>
  headers?: Record<string, { type: 'string', description: string }>
}

export function textAnswer (mediaType: string, description: string, headers: Record<string, string> = {}): TextAnswer {
  const answer: TextAnswer = { description, content: { [mediaType]: { schema: { type: 'string' } } } }
  if (Object.keys(headers).length > 0) {
    answer.headers = Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, { type: 'string', description: text }]))
  }
  return answer
}

export function isTextAnswer (value: unknown): value is TextAnswer {
  return typeof value === 'object' && value !== null && 'content' in value && 'description' in value && !('_zod' in value)
}
