import { randomUUID } from 'node:crypto';
import {
  type ClaimOptions,
  type ClaimResult,
  type CompleteOptions,
  type IdempotencyStore,
  type ReleaseOptions,
  WebhookConfigurationError,
} from '@hookline/core';
import type { Cluster, Redis } from 'ioredis';
import { claimScript, releaseScript, type Script } from './scripts.js';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /**
   * A connected ioredis client or Cluster. The store never closes it. Give it
   * `maxRetriesPerRequest: 1` so that commands fail soon while Redis is down.
   */
  client: Redis | Cluster;
  /** Put before every key; must not contain `{` or `}`. @default 'hookline:' */
  prefix?: string;
  /**
   * How long one store call may take before it fails, in milliseconds; the receiver then
   * responds with 503. ioredis queues commands while it reconnects, so without this limit a
   * request could wait until the client gives up. @default 2_000
   */
  timeoutMs?: number;
}

/** A Redis idempotency store. */
export interface RedisStore extends IdempotencyStore {
  claim(key: string, options: ClaimOptions): Promise<ClaimResult>;
  complete(key: string, token: string, options: CompleteOptions): Promise<void>;
  release(key: string, token: string, options: ReleaseOptions): Promise<void>;
  /** Returns the Redis key that stores `key`: the prefix, then `key` in a Cluster hash tag. */
  redisKey(key: string): string;
}

/**
 * Creates an idempotency store on Redis. A claim is one `EVALSHA` of a Lua script, a completion
 * one `SET … PX` and a release one `EVALSHA`, each on a single key, so the store works on Redis
 * Cluster. Keys expire by their TTL, so no cleanup job is needed.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` without a client, or for a
 *   prefix with braces or a timeout that is not positive.
 * @example
 * const client = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
 * const webhooks = createWebhooks({ scheme, store: createRedisStore({ client }) });
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const { client, prefix, timeoutMs } = checkOptions(options);
  const redisKey = (key: string) => `${prefix}{${key}}`;

  async function run(script: Script, key: string, args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(script.sha, 1, redisKey(key), ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(script.source, 1, redisKey(key), ...args);
    }
  }

  return {
    redisKey,
    async claim(key: string, { leaseMs }: ClaimOptions): Promise<ClaimResult> {
      const token = randomUUID();
      const reply = await withTimeout(
        run(claimScript, key, [token, Math.ceil(leaseMs)]),
        timeoutMs,
      );
      return toClaimResult(reply, token);
    },
    async complete(key: string, _token: string, { retentionMs }: CompleteOptions): Promise<void> {
      const write = client.set(redisKey(key), 'done', 'PX', Math.ceil(retentionMs));
      await withTimeout(write, timeoutMs);
    },
    async release(key: string, token: string, options: ReleaseOptions): Promise<void> {
      const steps = JSON.stringify(options.completedSteps);
      const args = [token, steps, Math.ceil(options.retentionMs)];
      await withTimeout(run(releaseScript, key, args), timeoutMs);
    },
  };
}

function toClaimResult(reply: unknown, token: string): ClaimResult {
  const [state, detail] = reply as [string, string | number | undefined];
  if (state === 'completed') return { state };
  if (state === 'in_progress') return { state, retryAfterMs: Number(detail) };
  const completedSteps = JSON.parse(String(detail)) as string[];
  return { state: 'claimed', token, completedSteps };
}

async function withTimeout<T>(operation: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`Redis call timed out after ${timeoutMs} ms (timeoutMs)`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([operation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function checkOptions(options: RedisStoreOptions): Required<RedisStoreOptions> {
  if (typeof options.client?.evalsha !== 'function') {
    throw new WebhookConfigurationError(
      'createRedisStore: `client` is missing or not an ioredis client; pass new Redis(url)',
    );
  }
  const prefix = options.prefix ?? 'hookline:';
  if (/[{}]/.test(prefix)) {
    throw new WebhookConfigurationError(
      `createRedisStore: prefix "${prefix}" is invalid because braces would change the hash tag; remove them`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 2_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new WebhookConfigurationError(
      `createRedisStore: timeoutMs must be a positive number, got ${String(timeoutMs)}`,
    );
  }
  return { client: options.client, prefix, timeoutMs };
}
