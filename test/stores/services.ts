import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

/** Availability of a server that a store suite needs, and the message when it is missing. */
export interface ServiceGate {
  available: boolean;
  /** Why the suite cannot run, such as "Redis at redis://127.0.0.1:6379 did not answer: …". */
  reason: string;
}

/** The Redis server the store tests use; `REDIS_URL` overrides it. */
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The PostgreSQL database the store tests use; `DATABASE_URL` overrides it. */
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether a missing server fails the run instead of skipping its suites. CI sets
 * `HOOKLINE_REQUIRE_SERVICES=1`, so a broken Redis or PostgreSQL cannot pass as a skip.
 */
export const servicesRequired = process.env.HOOKLINE_REQUIRE_SERVICES === '1';

/** Runs `probe` and turns its failure into a closed gate that names the server. */
export async function checkService(
  name: string,
  url: string,
  probe: () => Promise<void>,
): Promise<ServiceGate> {
  try {
    await probe();
    return { available: true, reason: '' };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const reason =
      `${name} at ${redactUrl(url)} did not answer (${detail}); start it, or set the URL ` +
      `variable to one that answers`;
    if (!servicesRequired) console.warn(`skipping the ${name} tests: ${reason}`);
    return { available: false, reason };
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Checks that the Redis server at `url` replies to PING. */
export function redisGate(url = redisUrl): Promise<ServiceGate> {
  return checkService('Redis', url, async () => {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    let lastError: Error | undefined;
    client.on('error', (error: Error) => {
      lastError = error;
    });
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      throw lastError ?? error;
    } finally {
      client.disconnect();
    }
  });
}

/** Checks that the PostgreSQL database at `url` runs a query. */
export function postgresGate(url = databaseUrl): Promise<ServiceGate> {
  return checkService('PostgreSQL', url, async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

/**
 * Declares `body` under `name` when `gate` is open. Otherwise the tests are skipped with the
 * gate's reason, or fail with it when `HOOKLINE_REQUIRE_SERVICES=1`.
 */
export function describeWithService(name: string, gate: ServiceGate, body: () => void): void {
  if (gate.available) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    if (servicesRequired) it('reaches its server', () => expect.fail(gate.reason));
    else it.skip(`skipped: ${gate.reason}`, () => {});
  });
}
