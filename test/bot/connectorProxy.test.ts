import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { BotHarness } from '../support/botHarness.js';

/** A forward proxy, as on a corporate network: it passes requests on and remembers where they went. */
async function startProxy(): Promise<{ url: string; seen: string[]; stop(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  // undici tunnels every request through CONNECT, http targets included.
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('connector calls through an egress proxy', () => {
  it("go through the proxy HTTP_PROXY names, as the SDK's own client did, and straight without one", async () => {
    const proxy = await startProxy();
    const h = await BotHarness.start();
    try {
      process.env.HTTP_PROXY = proxy.url;
      const chat = h.chat();
      assert.equal((await chat.say('help')).length, 1);
      assert.ok(
        proxy.seen.includes(`CONNECT ${new URL(h.connector.url).host}`),
        proxy.seen.join('\n'),
      );
      delete process.env.HTTP_PROXY;
      const before = proxy.seen.length;
      assert.equal((await chat.say('help')).length, 1);
      assert.equal(proxy.seen.length, before, 'without the variable, no proxy');
    } finally {
      delete process.env.HTTP_PROXY;
      await h.dispose();
      await proxy.stop();
    }
  });
});
