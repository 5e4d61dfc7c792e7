// DateTime and Date scalars: ISO-8601 strings on the wire. Out, OVH's values pass as OVH sends
// them. In, they are checked as REST checks its dates (modules/shared/date-query.ts): a DateTime
// is a date-time with its offset or a bare date (midnight UTC), a Date a real calendar day; a
// month 13 or a date-time without offset is refused instead of being read in the server's zone.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql'
import { z } from 'zod'
import { dateOrDateTime } from '../modules/shared/date-query.js'

interface IsoScalar {
  name: string
  // As schema.graphql says it: a scalar given as a resolver replaces the SDL's, description included.
  description: string
  // What an output value must look like (OVH's own strings, or Dates).
  output: RegExp
  toWire: (value: Date) => string
  input: z.ZodType<string>
  expected: string
}

function isoScalar ({ name, description, output, toWire, input, expected }: IsoScalar) {
  const parse = (value: unknown): string => {
    if (input.safeParse(value).success) return value as string
    throw new GraphQLError(`${name} must be ${expected}`)
  }
  return new GraphQLScalarType({
    name,
    description,
    serialize (value) {
      if (value instanceof Date) return toWire(value)
      if (typeof value === 'string' && output.test(value)) return value
      throw new GraphQLError(`${name} must be an ISO-8601 string`)
    },
    parseValue: parse,
    parseLiteral (ast) {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`)
      return parse(ast.value)
    }
  })
}

export const DateTime = isoScalar({
  name: 'DateTime',
  description: 'An ISO-8601 date and time, e.g. 2026-11-23T09:30:00.000Z (OVH `datetime`). As an input: a date-time with its offset, or a bare date (2026-11-23), which is midnight UTC.',
  output: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
  toWire: value => value.toISOString(),
  input: dateOrDateTime,
  expected: 'a date-time with its offset (2026-11-01T10:00:00+01:00) or a date (2026-11-01, midnight UTC)'
})

export const DateScalar = isoScalar({
  name: 'Date',
  description: 'An ISO-8601 calendar date, e.g. 2026-11-23 (OVH `date`).',
  output: /^\d{4}-\d{2}-\d{2}/,
  toWire: value => value.toISOString().slice(0, 10),
  input: z.iso.date(),
  expected: 'a date (YYYY-MM-DD)'
})
