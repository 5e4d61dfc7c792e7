// The Redis the tests share budgets through: REDIS_URL, or the machine's own on 127.0.0.1:6379.
// On a machine without one (nothing but Node and npm), the tests that need it are skipped and say
// so; CI (CI=true) has one, so there a missing Redis is a failure, not a skip.
import net from 'node:net'

export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

export async function redisReachable (url = testRedisUrl): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return await new Promise(resolve => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) })
    socket.setTimeout(1_000)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => { socket.destroy(); resolve(false) })
  })
}

/** A TCP relay in front of Redis that a test can cut and restore: an outage on cue. */
export async function redisRelay (url = testRedisUrl) {
  const { hostname, port } = new URL(url)
  const sockets = new Set<net.Socket>()
  const clients = new Set<net.Socket>()
  let open = true
  const server = net.createServer(client => {
    if (!open) { client.destroy(); return }
    const upstream = net.connect({ host: hostname, port: Number(port || 6379) })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    clients.add(client)
    client.on('close', () => clients.delete(client))
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  return {
    url: `redis://127.0.0.1:${address.port}`,
    // Cuts every connection and refuses new ones.
    cut () {
      open = false
      for (const socket of sockets) socket.destroy()
    },
    restore () { open = true },
    // Keeps the connections up but forwards nothing: a Redis that does not answer.
    stall () { for (const client of clients) client.pause() },
    resume () { for (const client of clients) client.resume() },
    async close () {
      open = false
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    }
  }
}

/** Waits until `what` holds (a budget connected or fallen back), failing after `ms`. */
export async function until (what: () => boolean, ms = 5_000): Promise<void> {
  for (const started = Date.now(); !what(); await new Promise(resolve => setTimeout(resolve, 20))) {
    if (Date.now() - started > ms) throw new Error('timed out')
  }
}
