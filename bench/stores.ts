// Compares the idempotency stores. It measures claim + complete pairs per second on each store,
// Redis round trips per call, and HTTP requests per second of the Express example on each store
// against the memory store (a node:http receiver stands in when the example is not installed).
//   npm run build && npx tsx bench/stores.ts [--quick] [--receiver node-http]
// Redis runs as a private redis-server on a free loopback port; PostgreSQL is DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/test). Results: stdout and bench/results/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort } from '../test/stores/processes/cluster.js';
import { startRedisServer } from '../test/stores/processes/redis-server.js';
import { type HttpResult, measureHttp, runPrefix } from './stores/http.js';
import { type OpenStore, openStore, storeKinds, type StoreKind } from './stores/open-store.js';
import { measureOperations, type OperationsResult } from './stores/operations.js';
import { countRoundTrips } from './stores/round-trips.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    receiver: { type: 'string', default: 'express-example' },
  },
});
if (values.receiver === 'node-http') process.env.BENCH_RECEIVER = 'node-http';
const settings = values.quick
  ? { operationsMs: 1_000, httpSeconds: 3, roundTripCalls: 50 }
  : { operationsMs: 5_000, httpSeconds: 10, roundTripCalls: 200 };
const root = fileURLToPath(new URL('../', import.meta.url));
const log = (line: string) => process.stderr.write(`stores bench: ${line}\n`);

for (const name of ['core', 'sqlite', 'redis', 'postgres']) {
  if (!existsSync(join(root, 'packages', name, 'dist', 'index.js'))) {
    log(`packages/${name}/dist is missing; run npm run build first`);
    process.exit(1);
  }
}

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const folder = mkdtempSync(join(os.tmpdir(), 'hookline-bench-stores-'));
const redis = await startRedisServer(await freePort(), folder, { persistent: false });
const targets = { folder, redisUrl: redis.url, databaseUrl };
const operations: Partial<Record<StoreKind, OperationsResult>> = {};
const http: Partial<Record<StoreKind, HttpResult>> = {};

try {
  for (const kind of storeKinds) {
    log(`${kind}: claim + complete`);
    const opened: OpenStore = await openStore(kind, targets);
    try {
      operations[kind] = await measureOperations(opened.store, settings.operationsMs);
    } finally {
      await opened.close();
    }
  }
  log('redis: counting round trips with MONITOR');
  const roundTrips = await countRoundTrips(redis.url, settings.roundTripCalls);
  for (const kind of storeKinds) {
    log(`${kind}: HTTP load for ${settings.httpSeconds} s`);
    http[kind] = await measureHttp(kind, targets, settings.httpSeconds);
  }
  const summary = { settings, environment: environment(), operations, roundTrips, http };
  writeResults(summary);
  console.log(render(summary));
} finally {
  await redis.stop();
  await deleteHttpRows();
  rmSync(folder, { recursive: true, force: true });
}

function environment() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

// The HTTP receivers write to the examples' table `hookline_dedupe`; only this run's rows go.
async function deleteHttpRows(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT to_regclass('hookline_dedupe') AS name`);
    if (rows[0]?.name === null) return;
    await client.query('DELETE FROM hookline_dedupe WHERE key LIKE $1', [`%:${runPrefix}%`]);
  } catch (error) {
    log(`could not delete this run's rows from hookline_dedupe: ${String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function writeResults(summary: object): void {
  const folderUrl = new URL('./results/', import.meta.url);
  mkdirSync(folderUrl, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const name = `stores-${stamp}-${values.quick ? 'quick' : 'full'}.raw.json`;
  writeFileSync(new URL(name, folderUrl), `${JSON.stringify(summary, null, 2)}\n`);
}

function render(summary: {
  environment: ReturnType<typeof environment>;
  roundTrips: Awaited<ReturnType<typeof countRoundTrips>>;
}): string {
  const number = (value: number | undefined) => Math.round(value ?? 0).toLocaleString('en-US');
  const memoryRps = http.memory?.requestsPerSecond ?? 0;
  const lines = [
    `## Stores (${values.quick ? 'quick' : 'full'} run, ${summary.environment.date})`,
    '',
    `${summary.environment.cpu}, Node.js ${summary.environment.node}, load average after ` +
      `${summary.environment.loadAverage.join(' ')}`,
    '',
    '| store | claim + complete /s, 1 in flight | 32 in flight | HTTP req/s | vs memory | p50 ms | p99 ms | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const kind of storeKinds) {
    const ops = operations[kind];
    const run = http[kind];
    const ratio =
      memoryRps > 0 && run ? `${Math.round((run.requestsPerSecond / memoryRps) * 100)} %` : '';
    lines.push(
      `| ${kind} | ${number(ops?.sequential)} | ${number(ops?.concurrent)} | ` +
        `${number(run?.requestsPerSecond)} | ${ratio} | ${run?.latencyP50Ms ?? ''} | ` +
        `${run?.latencyP99Ms ?? ''} | ${(run?.non2xx ?? 0) + (run?.errors ?? 0)} |`,
    );
  }
  const trips = summary.roundTrips;
  lines.push(
    '',
    `Receiver: ${http.memory?.receiver ?? 'unknown'}. Stores as the receivers printed them: ` +
      storeKinds.map((kind) => `${kind} → "${http[kind]?.storeLine ?? ''}"`).join('; '),
    '',
    `Redis commands per call (MONITOR, ${trips.calls} calls each): claim ${trips.claim.perCall} ` +
      `(${trips.claim.names.join(', ')}), complete ${trips.complete.perCall} ` +
      `(${trips.complete.names.join(', ')}), release ${trips.release.perCall} ` +
      `(${trips.release.names.join(', ')}).`,
  );
  return lines.join('\n');
}
