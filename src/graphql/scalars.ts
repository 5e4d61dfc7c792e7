// DateTime and Date scalars: ISO-8601 strings on the wire, as OVH sends them.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql'

function isoScalar (name: string, pattern: RegExp, toWire: (value: Date) => string) {
  const check = (value: unknown): string => {
    if (value instanceof Date) return toWire(value)
    if (typeof value === 'string' && pattern.test(value)) return value
    throw new GraphQLError(`${name} must be an ISO-8601 string`)
  }
  return new GraphQLScalarType({
    name,
    serialize: check,
    parseValue: check,
    parseLiteral (ast) {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`)
      return check(ast.value)
    }
  })
}

export const DateTime = isoScalar('DateTime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, value => value.toISOString())
export const DateScalar = isoScalar('Date', /^\d{4}-\d{2}-\d{2}/, value => value.toISOString().slice(0, 10))
