// Counts the commands a Redis store sends per call, with MONITOR on the benchmark's private
// redis-server. MONITOR reports the commands that a Lua script runs with the source "lua";
// those are not round trips, so they are left out.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedisStore } from '@hookline/redis';
import { Redis } from 'ioredis';

/** Client commands per call of one store method, and their names. */
export interface CommandCount {
  perCall: number;
  names: string[];
}

/** Round trips per store call, averaged over `calls` calls of each method. */
export interface RoundTrips {
  calls: number;
  claim: CommandCount;
  complete: CommandCount;
  release: CommandCount;
}

/** Runs `calls` claims, completions and releases and counts the commands MONITOR shows. */
export async function countRoundTrips(redisUrl: string, calls: number): Promise<RoundTrips> {
  const prefix = `bench-rtt:${randomUUID()}:`;
  const client = new Redis(redisUrl);
  // monitor() opens a second connection, so both are disconnected at the end.
  const monitorParent = new Redis(redisUrl);
  const monitor = await monitorParent.monitor();
  const seen: string[] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua' && args.some((arg) => arg.startsWith(prefix))) {
      seen.push(String(args[0]).toLowerCase());
    }
  });
  const store = createRedisStore({ client, prefix });
  const retention = { retentionMs: 60_000 };
  const retentionSteps = { completedSteps: ['a#0'], ...retention };

  // MONITOR lines arrive after the replies, so each window waits for them to settle.
  const count = async (action: (index: number) => Promise<unknown>): Promise<CommandCount> => {
    await sleep(200);
    const before = seen.length;
    for (let index = 0; index < calls; index += 1) await action(index);
    await sleep(200);
    const window = seen.slice(before);
    return { perCall: window.length / calls, names: [...new Set(window)] };
  };

  // The first call of each script may get NOSCRIPT and send EVAL; the warm-up pays for that.
  const warmUp = await store.claim('warm-up', { leaseMs: 1_000 });
  if (warmUp.state === 'claimed') await store.release('warm-up', warmUp.token, retentionSteps);
  const claim = await count((index) => store.claim(`claim:${index}`, { leaseMs: 60_000 }));
  const complete = await count((index) => store.complete(`claim:${index}`, '', retention));
  const tokens: string[] = [];
  for (let index = 0; index < calls; index += 1) {
    const result = await store.claim(`release:${index}`, { leaseMs: 60_000 });
    tokens.push(result.state === 'claimed' ? result.token : '');
  }
  const release = await count((index) =>
    store.release(`release:${index}`, tokens[index] ?? '', retentionSteps),
  );

  monitor.disconnect();
  monitorParent.disconnect();
  client.disconnect();
  return { calls, claim, complete, release };
}
