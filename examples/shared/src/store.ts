import { createMemoryStore, type IdempotencyStore } from '@hookline/core';

/**
 * Chooses the idempotency store of the examples. Every example calls this one function, so a
 * store picked from the environment here applies to all of them.
 */
export function createStoreFromEnv(_env: NodeJS.ProcessEnv = process.env): IdempotencyStore {
  // NOTE: the memory store forgets handled ids on restart and is not shared between processes;
  // durable stores come from @hookline/sqlite, @hookline/redis and @hookline/postgres.
  return createMemoryStore();
}
