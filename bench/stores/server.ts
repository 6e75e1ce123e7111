// The receiver under load, run in its own process by http.ts. It serves the Express example app
// when that example is installed, whose store comes from createStoreFromEnv() and therefore from
// the environment that http.ts sets. Otherwise, or with `--receiver node-http`, it serves a
// node:http receiver on the same store.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  createMemoryStore,
  createWebhooks,
  flatEnvelope,
  type IdempotencyStore,
  standardWebhooks,
} from '@hookline/core';
import { createPostgresStore } from '@hookline/postgres';
import { createRedisStore } from '@hookline/redis';
import { createSqliteStore } from '@hookline/sqlite';
import { Redis } from 'ioredis';
import pg from 'pg';

const root = fileURLToPath(new URL('../../', import.meta.url));
const exampleApp = `${root}examples/express/src/app.ts`;
const secret = process.env.BENCH_SECRET ?? '';

/** Checks whether the Express example and its shared package are installed. */
export function hasExpressExample(): boolean {
  return existsSync(exampleApp) && existsSync(`${root}node_modules/@hookline-examples/shared`);
}

// The part of examples/express/src/app.ts used here, typed locally so that this file still
// type-checks in a checkout without the example.
interface ExpressExample {
  createApp(options: { secret: string; print?: (line: string) => void }): {
    listen(port: number, host: string, callback: () => void): Server;
  };
}

async function listenExpress(): Promise<number> {
  const example = (await import(exampleApp)) as ExpressExample;
  const app = example.createApp({ secret, print: () => {} });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

// Opens the store the way the examples do, so the rows land where http.ts deletes them.
function openEnvStore(): IdempotencyStore {
  const kind = process.env.HOOKLINE_STORE ?? 'memory';
  console.log(`dedupe store: ${kind}`);
  if (kind === 'sqlite') return createSqliteStore({ path: process.env.HOOKLINE_SQLITE_PATH ?? '' });
  if (kind === 'redis') {
    const client = new Redis(process.env.REDIS_URL ?? '', { maxRetriesPerRequest: 1 });
    return createRedisStore({ client, prefix: 'hookline-example:' });
  }
  if (kind === 'postgres') {
    return createPostgresStore({
      pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }),
    });
  }
  return createMemoryStore();
}

async function listenNodeHttp(): Promise<number> {
  const store = openEnvStore();
  const webhooks = createWebhooks({
    scheme: standardWebhooks({ secret }),
    envelope: flatEnvelope('event_type'),
    store,
  });
  webhooks.on('order_created', () => {});
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { method: request.method ?? 'POST', headers: request.headers };
      void webhooks.receive({ ...delivery, body: Buffer.concat(chunks) }).then((outcome) => {
        response.writeHead(outcome.status, outcome.headers).end(outcome.body);
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

const express = process.env.BENCH_RECEIVER !== 'node-http' && hasExpressExample();
const port = express ? await listenExpress() : await listenNodeHttp();
console.log(`listening ${port} ${express ? 'express-example' : 'node-http'}`);
