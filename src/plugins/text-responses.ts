// The OpenAPI transform of a route whose success answer is text (modules/shared/text-answer.ts):
// @fastify/type-provider-zod's transform throws on a response that is not a zod schema, so it gets
// the zod answers only, and the text ones are put back as they are (@fastify/swagger reads their
// `content` and `headers` as OpenAPI's).
import { jsonSchemaTransform } from '@fastify/type-provider-zod'
import { isTextAnswer } from '../modules/shared/text-answer.js'

type Input = Parameters<typeof jsonSchemaTransform>[0]
type Transformed = ReturnType<typeof jsonSchemaTransform>

export function withTextAnswers (input: Input): Transformed {
  const response = (input.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {}
  const text = Object.entries(response).filter(([, answer]) => isTextAnswer(answer))
  if (text.length === 0) return jsonSchemaTransform(input)
  const zodOnly = Object.fromEntries(Object.entries(response).filter(([, answer]) => !isTextAnswer(answer)))
  const transformed = jsonSchemaTransform({ ...input, schema: { ...input.schema, response: zodOnly } })
  const schema = transformed.schema as { response?: Record<string, unknown> }
  return { ...transformed, schema: { ...schema, response: { ...schema.response, ...Object.fromEntries(text) } } }
}
