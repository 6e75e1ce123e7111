import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { load, residentBytes, startServer } from '../http/run-http.js';
import { httpServers } from '../http/servers.js';
import { type Spread, spread } from '../lib/stats.js';

const run = promisify(execFile);
const storeChild = fileURLToPath(new URL('./store-child.ts', import.meta.url));

/** Heap and RSS growth of the memory store holding `count` finished ids. */
export interface StoreMemory {
  count: number;
  heapBytes: Spread;
  rssBytes: Spread;
  heapBytesPerId: number;
}

/** Fills the store in a fresh process `runs` times per count and reduces the growth. */
export async function measureStore(
  counts: readonly number[],
  runs: number,
): Promise<StoreMemory[]> {
  const results: StoreMemory[] = [];
  for (const count of counts) {
    const heap: number[] = [];
    const rss: number[] = [];
    for (let index = 0; index < runs; index++) {
      const { stdout } = await run(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', storeChild, String(count)],
        { maxBuffer: 1 << 20 },
      );
      const sample = JSON.parse(stdout) as { heapBytes: number; rssBytes: number };
      heap.push(sample.heapBytes);
      rss.push(sample.rssBytes);
    }
    const heapBytes = spread(heap);
    results.push({
      count,
      heapBytes,
      rssBytes: spread(rss),
      heapBytesPerId: Math.round(heapBytes.median / count),
    });
  }
  return results;
}

/** RSS of a hookline server sampled once a second under constant load. */
export interface SustainedMemory {
  server: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  /** RSS samples in bytes, one per second. */
  rssBytes: number[];
  /** Median RSS of the second and of the last quarter of the run. */
  secondQuarterRss: number;
  lastQuarterRss: number;
  maxRss: number;
}

/**
 * Loads the `node:http` hookline server with distinct deliveries for `seconds` and samples its
 * RSS from /proc once a second. The memory store's default limit (100 k ids) fills after
 * 100 k requests, so RSS should level off there and stay flat.
 * @throws Error when the server does not start or its package does not load.
 */
export async function measureSustained(
  seconds: number,
  connections: number,
): Promise<SustainedMemory> {
  const definition = httpServers.find((server) => server.name === 'node:http @hookline/node');
  if (definition === undefined) throw new Error('node:http @hookline/node server is not defined');
  const server = await startServer(definition);
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(residentBytes(server.pid)), 1000);
  try {
    const result = await load(server.port, definition.format, seconds, connections);
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    return {
      server: definition.name,
      seconds,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      errors: result.errors + result.timeouts + result.non2xx,
      rssBytes: samples,
      secondQuarterRss: spread(samples.slice(quarter, 2 * quarter)).median,
      lastQuarterRss: spread(samples.slice(-quarter)).median,
      maxRss: Math.max(...samples),
    };
  } finally {
    clearInterval(timer);
    await server.stop();
  }
}
