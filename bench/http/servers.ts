import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhooks, standardWebhooks } from '@hookline/core';
import { standardSecret, githubSecret } from '../lib/deliveries.js';
import { floorVerify } from '../lib/floor.js';

/** The signature format a server expects, which decides how the load generator signs. */
export type DeliveryFormat = 'standard' | 'github';

/** A benchmark HTTP receiver, started in its own process by `server.ts`. */
export interface ServerDefinition {
  name: string;
  framework: 'node:http' | 'express' | 'fastify' | 'hono';
  kind: 'hookline' | 'hand-written' | 'octokit' | 'ceiling';
  format: DeliveryFormat;
  /** The package a hookline server needs, so the runner can report it as missing. */
  requires?: string;
  /** Listens on 127.0.0.1 on a free port. */
  start(): Promise<StartedServer>;
}

/** A listening server: its port, and how to close it. */
export interface StartedServer {
  port: number;
  close(): Promise<void>;
}

/** The route path of every server. */
export const webhookPath = '/webhook';
const bodyLimit = 1_048_576;
const accepted = '{"status":"handled"}';
const rejected = '{"error":"invalid signature"}';
const jsonType = { 'content-type': 'application/json; charset=utf-8' };

// The work each receiver does after verifying; the same for every server.
function handleOrder(payload: unknown): void {
  if (typeof payload !== 'object' || payload === null) throw new TypeError('not an object');
}

function hooklineWebhooks() {
  const webhooks = createWebhooks({ scheme: standardWebhooks({ secret: standardSecret }) });
  webhooks.on('order.created', (event) => handleOrder(event.data));
  return webhooks;
}

function listen(server: Server): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as AddressInfo).port, close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// Reads the whole body with the same 1 MiB limit the hookline adapters apply.
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > bodyLimit) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

/** Runs the hand-written receiver (floor verify, JSON.parse, handler) and returns the status. */
function handWritten(headers: IncomingMessage['headers'], body: Buffer): number {
  if (!floorVerify(headers, body)) return 401;
  handleOrder((JSON.parse(body.toString('utf8')) as { data: unknown }).data);
  return 200;
}

function nodeServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  return createServer((req, res) => {
    if (req.url === webhookPath) handler(req, res);
    else res.writeHead(404).end();
  });
}

const nodeHandWritten: ServerDefinition = {
  name: 'node:http hand-written',
  framework: 'node:http',
  kind: 'hand-written',
  format: 'standard',
  start: () =>
    listen(
      nodeServer((req, res) => {
        readBody(req).then(
          (body) => {
            const status = handWritten(req.headers, body);
            res.writeHead(status, jsonType).end(status === 200 ? accepted : rejected);
          },
          () => res.writeHead(400).end(),
        );
      }),
    ),
};

const nodeHookline: ServerDefinition = {
  name: 'node:http @hookline/node',
  framework: 'node:http',
  kind: 'hookline',
  format: 'standard',
  requires: '@hookline/node',
  async start() {
    const { createNodeHandler } = await import('@hookline/node');
    return listen(nodeServer(createNodeHandler(hooklineWebhooks())));
  },
};

const expressHandWritten: ServerDefinition = {
  name: 'express hand-written',
  framework: 'express',
  kind: 'hand-written',
  format: 'standard',
  async start() {
    const { default: express } = await import('express');
    const app = express();
    app.post(webhookPath, express.raw({ type: '*/*', limit: bodyLimit }), (req, res) => {
      const status = handWritten(req.headers, req.body as Buffer);
      res
        .status(status)
        .type('json')
        .send(status === 200 ? accepted : rejected);
    });
    return listen(createServer(app));
  },
};

const expressHookline: ServerDefinition = {
  name: 'express @hookline/express',
  framework: 'express',
  kind: 'hookline',
  format: 'standard',
  requires: '@hookline/express',
  async start() {
    const { default: express } = await import('express');
    const { webhookMiddleware } = await import('@hookline/express');
    const app = express();
    app.post(webhookPath, webhookMiddleware(hooklineWebhooks()));
    return listen(createServer(app));
  },
};

const fastifyHandWritten: ServerDefinition = {
  name: 'fastify hand-written',
  framework: 'fastify',
  kind: 'hand-written',
  format: 'standard',
  async start() {
    const { default: fastify } = await import('fastify');
    const app = fastify({ bodyLimit });
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    app.post(webhookPath, async (request, reply) => {
      const status = handWritten(request.headers, request.body as Buffer);
      return reply
        .code(status)
        .type('application/json')
        .send(status === 200 ? accepted : rejected);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
  },
};

const fastifyHookline: ServerDefinition = {
  name: 'fastify @hookline/fastify',
  framework: 'fastify',
  kind: 'hookline',
  format: 'standard',
  requires: '@hookline/fastify',
  async start() {
    const { default: fastify } = await import('fastify');
    const { hookline } = await import('@hookline/fastify');
    const app = fastify();
    await app.register(hookline, { webhooks: hooklineWebhooks(), path: webhookPath });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
  },
};

const honoHandWritten: ServerDefinition = {
  name: 'hono hand-written',
  framework: 'hono',
  kind: 'hand-written',
  format: 'standard',
  async start() {
    const { Hono } = await import('hono');
    const app = new Hono();
    app.post(webhookPath, async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      const headers = {
        'webhook-id': c.req.header('webhook-id'),
        'webhook-timestamp': c.req.header('webhook-timestamp'),
        'webhook-signature': c.req.header('webhook-signature'),
      };
      const status = handWritten(headers, body);
      return c.body(status === 200 ? accepted : rejected, status === 200 ? 200 : 401, jsonType);
    });
    return serveHono(app.fetch);
  },
};

const honoHookline: ServerDefinition = {
  name: 'hono @hookline/fetch',
  framework: 'hono',
  kind: 'hookline',
  format: 'standard',
  requires: '@hookline/fetch',
  async start() {
    const { Hono } = await import('hono');
    const { createFetchHandler } = await import('@hookline/fetch');
    const handle = createFetchHandler(hooklineWebhooks());
    const app = new Hono();
    app.post(webhookPath, (c) => handle(c.req.raw));
    return serveHono(app.fetch);
  },
};

async function serveHono(fetch: (request: Request) => Response | Promise<Response>) {
  const { serve } = await import('@hono/node-server');
  return new Promise<StartedServer>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({ port: info.port, close: () => closeServer(server as Server) });
    });
  });
}

async function octokitWebhooks() {
  const { Webhooks } = await import('@octokit/webhooks');
  const webhooks = new Webhooks({ secret: githubSecret });
  webhooks.on('push', (event) => handleOrder(event.payload));
  return webhooks;
}

// Silent, like the other servers; octokit logs only failures, and a valid run has none.
const silent = () => undefined;
const octokitOptions = {
  path: webhookPath,
  log: { debug: silent, info: silent, warn: silent, error: silent },
};

const octokitNode: ServerDefinition = {
  name: 'node:http @octokit/webhooks createNodeMiddleware',
  framework: 'node:http',
  kind: 'octokit',
  format: 'github',
  async start() {
    const { createNodeMiddleware } = await import('@octokit/webhooks');
    const middleware = createNodeMiddleware(await octokitWebhooks(), octokitOptions);
    return listen(createServer((req, res) => void middleware(req, res)));
  },
};

const octokitExpress: ServerDefinition = {
  name: 'express @octokit/webhooks createNodeMiddleware',
  framework: 'express',
  kind: 'octokit',
  format: 'github',
  async start() {
    const { default: express } = await import('express');
    const { createNodeMiddleware } = await import('@octokit/webhooks');
    const app = express();
    app.use(createNodeMiddleware(await octokitWebhooks(), octokitOptions));
    return listen(createServer(app));
  },
};

const octokitHono: ServerDefinition = {
  name: 'hono @octokit/webhooks createWebMiddleware',
  framework: 'hono',
  kind: 'octokit',
  format: 'github',
  async start() {
    const { Hono } = await import('hono');
    const { createWebMiddleware } = await import('@octokit/webhooks');
    const handle = createWebMiddleware(await octokitWebhooks(), octokitOptions);
    const app = new Hono();
    app.post(webhookPath, (c) => handle(c.req.raw));
    return serveHono(app.fetch);
  },
};

const ceiling: ServerDefinition = {
  name: 'node:http ceiling: read body, no verify',
  framework: 'node:http',
  kind: 'ceiling',
  format: 'standard',
  start: () =>
    listen(
      nodeServer((req, res) => {
        readBody(req).then(
          () => res.writeHead(200, jsonType).end(accepted),
          () => res.writeHead(400).end(),
        );
      }),
    ),
};

/**
 * Every HTTP server, grouped by framework with its hand-written baseline first. Fastify has no
 * octokit server (octokit's Node middleware needs @fastify/middie there), so the Fastify
 * adapter is compared with octokit on node:http.
 */
export const httpServers: readonly ServerDefinition[] = [
  ceiling,
  nodeHandWritten,
  nodeHookline,
  octokitNode,
  expressHandWritten,
  expressHookline,
  octokitExpress,
  fastifyHandWritten,
  fastifyHookline,
  honoHandWritten,
  honoHookline,
  octokitHono,
];
