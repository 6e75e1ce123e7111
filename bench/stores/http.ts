// Measures HTTP requests per second of one receiver process per store, with autocannon running
// in this process and the receiver in a child process, both on 127.0.0.1.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { standardWebhooks } from '@hookline/core';
import type { BenchTargets, StoreKind } from './open-store.js';

/** Requests per second and latency of one store's receiver. */
export interface HttpResult {
  receiver: string;
  /** The line the receiver printed about its store, to check it used the intended one. */
  storeLine: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
}

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

// autocannon 9 ships no type declarations, so it is loaded through require with the type above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const serverPath = fileURLToPath(new URL('./server.ts', import.meta.url));
const secret = 'whsec_aG9va2xpbmUgYmVuY2htYXJrIHNlY3JldCBvbmx5';

/** The event ids of this run start with it, so its rows can be found and deleted. */
export const runPrefix = `bench_${randomUUID().slice(0, 8)}_`;

function orderBody(orderId: string): string {
  return JSON.stringify({
    event_type: 'order_created',
    order_id: orderId,
    customer_id: 'usr_1001',
    amount: 4990,
    currency: 'EUR',
    items: [{ sku: 'BOOK-042', quantity: 1, unit_price: 4990 }],
    created_at: '2026-01-15T09:31:00Z',
  });
}

async function startServer(kind: StoreKind, targets: BenchTargets) {
  const { VITEST: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', serverPath], {
    env: {
      ...env,
      BENCH_SECRET: secret,
      BENCH_FOLDER: targets.folder,
      HOOKLINE_STORE: kind,
      HOOKLINE_SQLITE_PATH: `${targets.folder}/http-${kind}.sqlite`,
      REDIS_URL: targets.redisUrl,
      DATABASE_URL: targets.databaseUrl,
      WEBHOOK_SECRET: secret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}: ${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return { port, output: () => output, stop };
}

/** Starts the receiver on store `kind`, loads it for `seconds`, and stops it. */
export async function measureHttp(
  kind: StoreKind,
  targets: BenchTargets,
  seconds: number,
): Promise<HttpResult> {
  const server = await startServer(kind, targets);
  const scheme = standardWebhooks({ secret });
  let next = 0;
  const request: AutocannonRequest = {
    method: 'POST',
    path: '/webhook',
    setupRequest: (base) => {
      next += 1;
      const id = `${runPrefix}${kind}_${next}`;
      const body = orderBody(`ord_${next}`);
      const headers = { 'content-type': 'application/json', ...scheme.sign({ body, id }) };
      return { ...base, headers, body };
    },
  };
  try {
    const url = `http://127.0.0.1:${server.port}`;
    await autocannon({ url, connections: 10, duration: 1, requests: [request] });
    const result = await autocannon({
      url,
      connections: 10,
      duration: seconds,
      requests: [request],
    });
    const lines = server.output().split('\n');
    const storeLine = lines.find((line) => line.startsWith('dedupe store:')) ?? '(none printed)';
    if (!storeLine.toLowerCase().includes(kind)) {
      throw new Error(
        `the receiver did not confirm the ${kind} store (it printed "${storeLine}"); ` +
          'createStoreFromEnv() in examples/shared/src/store.ts must honour HOOKLINE_STORE',
      );
    }
    return {
      receiver: /listening \d+ (\S+)/.exec(server.output())?.[1] ?? 'unknown',
      storeLine,
      requestsPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    await server.stop();
  }
}
