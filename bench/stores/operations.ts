// Measures claim + complete pairs per second on one store, with 1 and with 32 pairs in flight.
import type { IdempotencyStore } from '@hookline/core';

/** Pairs per second at each concurrency. */
export interface OperationsResult {
  sequential: number;
  concurrent: number;
}

const lease = { leaseMs: 60_000 };
const retention = { retentionMs: 259_200_000 };

async function claimAndComplete(store: IdempotencyStore, key: string): Promise<void> {
  const claim = await store.claim(key, lease);
  if (claim.state !== 'claimed') throw new Error(`benchmark key ${key} was not free`);
  await store.complete(key, claim.token, retention);
}

async function pairsPerSecond(
  store: IdempotencyStore,
  label: string,
  durationMs: number,
  inFlight: number,
): Promise<number> {
  let next = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      next += 1;
      await claimAndComplete(store, `${label}:${next}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return next / ((performance.now() - started) / 1000);
}

/** Runs a short warm-up, then each concurrency for `durationMs`. */
export async function measureOperations(
  store: IdempotencyStore,
  durationMs: number,
): Promise<OperationsResult> {
  await pairsPerSecond(store, 'warm-up', Math.min(500, durationMs), 4);
  const sequential = await pairsPerSecond(store, 'sequential', durationMs, 1);
  const concurrent = await pairsPerSecond(store, 'concurrent', durationMs, 32);
  return { sequential, concurrent };
}
