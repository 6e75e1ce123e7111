import { randomUUID } from 'node:crypto';
import { createWebhooks, standardWebhooks } from '@hookline/core';
import { createRedisStore } from '@hookline/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithService, redisGate, redisUrl } from '../../../test/stores/services.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const lease = { leaseMs: 60_000 };
const retention = { retentionMs: 3_600_000 };

describe('createRedisStore options', () => {
  const client = new Redis({ lazyConnect: true });

  it('rejects a missing client', () => {
    const options = {} as Parameters<typeof createRedisStore>[0];
    expect(() => createRedisStore(options)).toThrow(
      expect.objectContaining({ code: 'HOOKLINE_INVALID_CONFIG' }),
    );
  });

  it('rejects a prefix with a brace', () => {
    expect(() => createRedisStore({ client, prefix: 'app{1}:' })).toThrow(
      /braces would change the hash tag/,
    );
  });

  it('rejects a timeout of zero', () => {
    expect(() => createRedisStore({ client, timeoutMs: 0 })).toThrow(/timeoutMs must be/);
  });

  it('puts the key in a hash tag after the prefix', () => {
    expect(createRedisStore({ client }).redisKey('svix:msg_1')).toBe('hookline:{svix:msg_1}');
  });
});

describe('redis store without a server', () => {
  it('rejects a call after timeoutMs', async () => {
    const client = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null });
    client.on('error', () => {});
    const store = createRedisStore({ client, timeoutMs: 100 });
    await expect(store.claim('evt_1', lease)).rejects.toThrow(/timed out after 100 ms/);
    client.disconnect();
  });

  it('makes the receiver answer 503', async () => {
    const client = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    const scheme = standardWebhooks({ secret });
    const store = createRedisStore({ client, timeoutMs: 200 });
    const webhooks = createWebhooks({ scheme, store, dedupe: { storeRetryAfter: 2 } });
    webhooks.on('order.created', () => {});
    const body = JSON.stringify({ type: 'order.created', timestamp: '2026-01-01', data: {} });
    const outcome = await webhooks.receive({ headers: scheme.sign({ body, id: 'e' }), body });
    expect(outcome.status).toBe(503);
    expect(outcome.headers['retry-after']).toBe('2');
    expect(outcome.error?.code).toBe('HOOKLINE_STORE_UNAVAILABLE');
    client.disconnect();
  });
});

describeWithService('redis store on a server', await redisGate(), () => {
  const prefix = `hookline-test:${randomUUID()}:`;
  let client: Redis;
  const commands: string[] = [];

  beforeAll(() => {
    client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    // Every command the store sends passes through sendCommand, so recording its names counts
    // round trips without MONITOR, which also receives the traffic of other tests on the server.
    const send = client.sendCommand.bind(client);
    client.sendCommand = (command, stream) => {
      commands.push(command.name);
      return send(command, stream);
    };
  });
  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    client.disconnect();
  });

  async function commandsOf(action: () => Promise<unknown>): Promise<string[]> {
    commands.length = 0;
    await action();
    return [...commands];
  }

  it('stores a lease, steps and done as text', async () => {
    const store = createRedisStore({ client, prefix });
    const claim = await store.claim('evt_text', lease);
    if (claim.state !== 'claimed') throw new Error('not claimed');
    const key = store.redisKey('evt_text');
    expect(await client.get(key)).toMatch(new RegExp(`^lease \\d{13} ${claim.token} \\[\\]$`));
    await store.release('evt_text', claim.token, { completedSteps: ['a#0'], ...retention });
    expect(await client.get(key)).toBe('steps ["a#0"]');
    await store.complete('evt_text', 'any', retention);
    expect(await client.get(key)).toBe('done');
    expect(await client.pttl(key)).toBeGreaterThan(3_500_000);
  });

  it('sends one command per claim, completion and release', async () => {
    const store = createRedisStore({ client, prefix });
    // The first script call may add an EVAL after a NOSCRIPT reply.
    await commandsOf(() => store.claim('warm-up', lease));

    const claim = await commandsOf(() => store.claim('evt_count', lease));
    const complete = await commandsOf(() => store.complete('evt_count', 'token', retention));
    const release = await commandsOf(() =>
      store.release('evt_count', 'stale', { completedSteps: [], ...retention }),
    );
    expect(claim).toEqual(['evalsha']);
    expect(complete).toEqual(['set']);
    expect(release).toEqual(['evalsha']);
  });
});
