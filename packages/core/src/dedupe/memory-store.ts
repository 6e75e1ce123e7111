import { WebhookConfigurationError } from '../errors/webhook-error.js';
import type {
  ClaimOptions,
  ClaimResult,
  CompleteOptions,
  IdempotencyStore,
  ReleaseOptions,
} from './store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * How many finished keys are remembered at most. Keys are forgotten oldest first, half of this
   * number at a time, so between `maxEntries / 2` and `maxEntries` of the most recent keys are
   * remembered. Keys under an active lease are never dropped. @default 100_000
   */
  maxEntries?: number;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
}

interface Lease {
  token: string;
  expiresAt: number;
  completedSteps: readonly string[];
}

interface Steps {
  completedSteps: readonly string[];
  expiresAt: number;
}

// A finished key is stored as its expiry time alone, to keep a million remembered ids small.
type Finished = number | Steps;

/**
 * Creates an in-process idempotency store with bounded size and expiry. It does not survive a
 * restart and is not shared between processes; use `@hookline/sqlite`, `@hookline/redis` or
 * `@hookline/postgres` for that.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when `maxEntries` is below 1.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new WebhookConfigurationError(
      `createMemoryStore: maxEntries must be an integer ≥ 1, got ${String(maxEntries)}`,
    );
  }
  const now = options.now ?? Date.now;
  const generationSize = Math.max(1, Math.floor(maxEntries / 2));
  // Running attempts, kept apart so that forgetting old keys never drops one.
  const leases = new Map<string, Lease>();
  // Finished keys in two generations. When the young one is full it becomes the old one and the
  // old one is dropped whole, which costs far less than deleting one key per write: a Map keeps
  // a hole for every deleted key until it rehashes.
  let young = new Map<string, Finished>();
  let old = new Map<string, Finished>();
  // Tokens only need to be unique within this store, so a counter replaces a random UUID.
  let sequence = 0;

  function remember(key: string, entry: Finished): void {
    young.set(key, entry);
    if (young.size < generationSize) return;
    old = young;
    young = new Map();
    if (leases.size > maxEntries) dropExpiredLeases();
  }

  // Leases normally end in complete or release. This bounds the map if attempts are abandoned.
  function dropExpiredLeases(): void {
    const time = now();
    for (const [key, lease] of leases) if (lease.expiresAt <= time) leases.delete(key);
  }

  return {
    claim(key: string, { leaseMs }: ClaimOptions): ClaimResult {
      const time = now();
      const lease = leases.get(key);
      let completedSteps: readonly string[] = [];
      if (lease !== undefined) {
        if (lease.expiresAt > time) {
          return { state: 'in_progress', retryAfterMs: lease.expiresAt - time };
        }
        completedSteps = lease.completedSteps;
      } else {
        const finished = young.get(key) ?? old.get(key);
        if (typeof finished === 'number') {
          if (finished > time) return { state: 'completed' };
        } else if (finished !== undefined && finished.expiresAt > time) {
          completedSteps = finished.completedSteps;
        }
      }
      const token = `${++sequence}`;
      leases.set(key, { token, expiresAt: time + leaseMs, completedSteps });
      return { state: 'claimed', token, completedSteps };
    },

    complete(key: string, _token: string, { retentionMs }: CompleteOptions): void {
      leases.delete(key);
      remember(key, now() + retentionMs);
    },

    release(key: string, token: string, { completedSteps, retentionMs }: ReleaseOptions): void {
      if (leases.get(key)?.token !== token) return;
      leases.delete(key);
      if (completedSteps.length > 0) {
        remember(key, { completedSteps, expiresAt: now() + retentionMs });
        return;
      }
      young.delete(key);
      old.delete(key);
    },
  };
}
