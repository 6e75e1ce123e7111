import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { WebhookReceiver } from '@hookline/core';
import { webhookMiddleware } from '@hookline/express';
import { hookline } from '@hookline/fastify';
import { createFetchHandler } from '@hookline/fetch';
import { createNodeHandler } from '@hookline/node';
import express from 'express';
import express4 from 'express4';
import Fastify from 'fastify';

/** A running server and how to stop it. */
export interface Running {
  url: string;
  close: () => Promise<void>;
}

/** One adapter under test: starts a server that answers POST /webhook with `webhooks`. */
export interface Adapter {
  name: string;
  start: (webhooks: WebhookReceiver) => Promise<Running>;
}

export async function listen(server: Server): Promise<Running> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function expressAdapter(name: string, create: typeof express): Adapter {
  return {
    name,
    start: (webhooks) => {
      const app = create();
      app.post('/webhook', webhookMiddleware(webhooks));
      app.use(create.json());
      return listen(createServer(app));
    },
  };
}

export const adapters: readonly Adapter[] = [
  expressAdapter('express 5', express),
  expressAdapter('express 4', express4),
  {
    name: 'fastify',
    start: async (webhooks) => {
      const app = Fastify();
      await app.register(hookline, { webhooks, path: '/webhook' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: async () => {
          app.server.closeAllConnections();
          await app.close();
        },
      };
    },
  },
  {
    name: 'fetch (@hono/node-server)',
    start: (webhooks) => {
      const handle = createFetchHandler(webhooks);
      const server = serve({ fetch: handle, port: 0, hostname: '127.0.0.1' }) as Server;
      return listenStarted(server);
    },
  },
  {
    name: 'node:http',
    start: (webhooks) => listen(createServer(createNodeHandler(webhooks))),
  },
];

async function listenStarted(server: Server): Promise<Running> {
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
