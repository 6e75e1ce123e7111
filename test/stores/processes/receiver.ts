// A webhook receiver run as a child process by the process tests. It records every handler start
// and finish in RUN_LOG, a file shared by all processes, so the test can count runs per event id.
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWebhooks, type IdempotencyStore, standardWebhooks } from '@hookline/core';
import { createPostgresStore } from '@hookline/postgres';
import { createRedisStore } from '@hookline/redis';
import { createSqliteStore } from '@hookline/sqlite';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type TestOrder, testSecret } from './order.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`receiver: ${name} is not set`);
  return value;
}

function openStore(): IdempotencyStore {
  const kind = required('STORE_KIND');
  if (kind === 'sqlite') return createSqliteStore({ path: required('SQLITE_PATH') });
  if (kind === 'redis') {
    const client = new Redis(required('STORE_REDIS_URL'), { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    return createRedisStore({ client, prefix: required('REDIS_PREFIX'), timeoutMs: 500 });
  }
  if (kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: required('STORE_DATABASE_URL'), max: 4 });
    return createPostgresStore({ pool, table: required('PG_TABLE') });
  }
  throw new Error(`receiver: unknown STORE_KIND ${kind}`);
}

const runLog = required('RUN_LOG');

function record(line: string): void {
  appendFileSync(runLog, `${line}\n`);
}

function startsOf(id: string): number {
  return readFileSync(runLog, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`start ${id} `)).length;
}

const webhooks = createWebhooks({
  scheme: standardWebhooks({ secret: testSecret }),
  store: openStore(),
  dedupe: { leaseMs: Number(required('LEASE_MS')), storeRetryAfter: 1 },
});

webhooks.on('order.created', async (event) => {
  const id = event.id ?? '';
  const order = event.data as TestOrder;
  record(`start ${id} ${process.pid}`);
  const first = startsOf(id) === 1;
  if (first && order.mode === 'hang-first') await new Promise(() => {});
  if (first && order.mode === 'fail-first') throw new Error('first attempt fails on purpose');
  await sleep(order.sleepMs ?? 0);
  record(`done ${id} ${process.pid}`);
});

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

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
