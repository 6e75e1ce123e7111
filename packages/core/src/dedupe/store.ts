/** The result of {@link IdempotencyStore.claim}. */
export type ClaimResult =
  | {
      /** This caller owns the key until it completes, releases, or the lease runs out. */
      state: 'claimed';
      /** Proves ownership to `complete` and `release`, so a stale owner cannot free a new claim. */
      token: string;
      /** Steps that an earlier, failed attempt finished; the router skips those handlers. */
      completedSteps: readonly string[];
    }
  | { state: 'completed' }
  | {
      state: 'in_progress';
      /** Milliseconds until the current lease expires. */
      retryAfterMs: number;
    };

/** Options of {@link IdempotencyStore.claim}. */
export interface ClaimOptions {
  /** How long the claim holds, in milliseconds, before another caller may take it over. */
  leaseMs: number;
}

/** Options of {@link IdempotencyStore.complete}. */
export interface CompleteOptions {
  /** How long the key is remembered as done, in milliseconds. */
  retentionMs: number;
}

/** Options of {@link IdempotencyStore.release}. */
export interface ReleaseOptions {
  /** Steps that finished during this attempt and must not run again. */
  completedSteps: readonly string[];
  /** How long the completed steps are remembered, in milliseconds. */
  retentionMs: number;
}

/**
 * Remembers which event ids (and steps) are being handled or are done. One key goes through
 * claim → complete, or claim → release → claim again. Implementations must make `claim` atomic:
 * of many concurrent callers for one free key, exactly one gets `claimed`.
 *
 * Methods may return a value or a promise. A thrown error or rejected promise means the store is
 * unreachable, and the router responds 503 so the sender retries.
 */
export interface IdempotencyStore {
  claim(key: string, options: ClaimOptions): ClaimResult | Promise<ClaimResult>;
  /** Marks `key` done. A token that no longer owns the key is still accepted: the work ran. */
  complete(key: string, token: string, options: CompleteOptions): void | Promise<void>;
  /** Frees `key` for a retry and records the steps that finished. Ignored for a stale token. */
  release(key: string, token: string, options: ReleaseOptions): void | Promise<void>;
  /** Closes connections the store opened itself. */
  close?(): void | Promise<void>;
}
