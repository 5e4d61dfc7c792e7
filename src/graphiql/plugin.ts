// GraphiQL at /graphiql, served whole by the gateway. Mercurius's own page loads GraphiQL and
// React from unpkg.com, which a closed network, an offline laptop or a strict proxy cannot reach;
// this one serves the same builds from node_modules (assets.ts) through @fastify/static. Not
// wrapped in fastify-plugin: reply.sendFile stays within these routes.
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import type { GraphiqlAsset, GraphiqlAssetName } from './assets.js'
import { graphiqlPage } from './page.js'

export async function graphiqlPlugin (app: FastifyInstance, opts: { assets: Record<GraphiqlAssetName, GraphiqlAsset> }): Promise<void> {
  const roots = [...new Set(Object.values(opts.assets).map(asset => asset.root))]
  // Only sendFile: nothing under these folders is served but the files named in assets.ts.
  await app.register(fastifyStatic, { root: roots, serve: false, maxAge: '1h' })
  const page = graphiqlPage()

  app.get('/graphiql', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page))

  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', { schema: { hide: true } }, async (request, reply) => {
    const asset = Object.hasOwn(opts.assets, request.params.name) ? opts.assets[request.params.name as GraphiqlAssetName] : undefined
    if (!asset) return reply.callNotFound()
    return reply.sendFile(asset.file, asset.root)
  })
}
