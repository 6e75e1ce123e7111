import { describe, expect, test, vi } from 'vitest';
import { createMemoryStore, type IdempotencyStore, isConfigurationError } from '@hookline/core';
import { errorCode, flatReceiver, signed } from './helpers.js';

const order = { event_type: 'order_created', order_id: 'ord_1', amount: 1 };

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('dedupe by event id', () => {
  test('acknowledges a completed duplicate without running handlers', async () => {
    const webhooks = flatReceiver();
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    const delivery = signed(order, { id: 'msg_dup' });
    const first = await webhooks.receive(delivery);
    const second = await webhooks.receive(delivery);
    expect(first.result).toBe('handled');
    expect(second.status).toBe(200);
    expect(second.result).toBe('duplicate');
    expect(JSON.parse(second.body)).toEqual({ status: 'duplicate' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test('answers 409 with Retry-After to a duplicate that arrives mid-handler', async () => {
    const webhooks = flatReceiver();
    const gate = deferred();
    const handler = vi.fn(() => gate.promise);
    webhooks.on('order_created', handler);
    const delivery = signed(order, { id: 'msg_concurrent' });
    const first = webhooks.receive(delivery);
    const second = await webhooks.receive(delivery);
    gate.resolve();
    expect(second.status).toBe(409);
    expect(errorCode(second.body)).toBe('HOOKLINE_DUPLICATE_IN_PROGRESS');
    expect(second.headers['retry-after']).toBe('60');
    expect((await first).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test('runs handlers once for 50 concurrent copies of one event', async () => {
    const webhooks = flatReceiver();
    const handler = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    webhooks.on('order_created', handler);
    const delivery = signed(order, { id: 'msg_burst' });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => webhooks.receive(delivery)),
    );
    const statuses = outcomes.map((outcome) => outcome.status);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
  });

  test('releases the id when a handler fails so the retry runs again', async () => {
    const webhooks = flatReceiver();
    let attempts = 0;
    webhooks.on('order_created', () => {
      attempts += 1;
      if (attempts === 1) throw new Error('transient');
    });
    const delivery = signed(order, { id: 'msg_retry' });
    expect((await webhooks.receive(delivery)).status).toBe(500);
    expect((await webhooks.receive(delivery)).status).toBe(200);
    expect((await webhooks.receive(delivery)).result).toBe('duplicate');
    expect(attempts).toBe(2);
  });

  test('reruns only the handler that failed', async () => {
    const webhooks = flatReceiver();
    const email = vi.fn();
    let ledgerCalls = 0;
    webhooks.on('order_created', email);
    webhooks.on('order_created', () => {
      ledgerCalls += 1;
      if (ledgerCalls === 1) throw new Error('ledger down');
    });
    const delivery = signed(order, { id: 'msg_partial' });
    expect((await webhooks.receive(delivery)).status).toBe(500);
    expect((await webhooks.receive(delivery)).status).toBe(200);
    expect(email).toHaveBeenCalledTimes(1);
    expect(ledgerCalls).toBe(2);
  });

  test('runs every delivery when dedupe is off', async () => {
    const webhooks = flatReceiver({ store: false });
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    const delivery = signed(order, { id: 'msg_nodedupe' });
    await webhooks.receive(delivery);
    await webhooks.receive(delivery);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  test('uses a custom dedupe key', async () => {
    const webhooks = flatReceiver({
      dedupe: { key: (event) => `order:${(event.data as { order_id: string }).order_id}` },
    });
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    await webhooks.receive(signed(order, { id: 'msg_a' }));
    const second = await webhooks.receive(signed(order, { id: 'msg_b' }));
    expect(second.result).toBe('duplicate');
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('store failures', () => {
  const broken: IdempotencyStore = {
    claim: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
    complete: () => {},
    release: () => {},
  };

  test('answers 503 with Retry-After when the store is unreachable', async () => {
    const error = vi.fn();
    const webhooks = flatReceiver({ store: broken, logger: { error } });
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    const outcome = await webhooks.receive(signed(order));
    expect(outcome.status).toBe(503);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_STORE_UNAVAILABLE');
    expect(outcome.headers['retry-after']).toBe('5');
    expect(outcome.body).not.toContain('ECONNREFUSED');
    expect(handler).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledWith('idempotency store unavailable', expect.anything());
  });

  test('answers 503 when a synchronous store throws', async () => {
    const throwing: IdempotencyStore = {
      claim: () => {
        throw new Error('database is locked');
      },
      complete: () => {},
      release: () => {},
    };
    const webhooks = flatReceiver({ store: throwing });
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    const outcome = await webhooks.receive(signed(order));
    expect(outcome.status).toBe(503);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_STORE_UNAVAILABLE');
    expect(handler).not.toHaveBeenCalled();
  });

  test('keeps a success when a synchronous complete throws', async () => {
    const memory = createMemoryStore();
    const store: IdempotencyStore = {
      claim: (key, options) => memory.claim(key, options),
      complete: () => {
        throw new Error('disk full');
      },
      release: (key, token, options) => memory.release(key, token, options),
    };
    const error = vi.fn();
    const webhooks = flatReceiver({ store, logger: { error } });
    webhooks.on('order_created', () => {});
    expect((await webhooks.receive(signed(order))).status).toBe(200);
    expect(error).toHaveBeenCalledWith(
      'idempotency store write failed after handlers ran',
      expect.anything(),
    );
  });

  test('processes without dedupe when told to', async () => {
    const webhooks = flatReceiver({ store: broken, dedupe: { onStoreError: 'process' } });
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    expect((await webhooks.receive(signed(order))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test('keeps a success when marking done fails', async () => {
    const memory = createMemoryStore();
    const store: IdempotencyStore = {
      claim: (key, options) => memory.claim(key, options),
      complete: () => Promise.reject(new Error('connection reset')),
      release: (key, token, options) => memory.release(key, token, options),
    };
    const error = vi.fn();
    const webhooks = flatReceiver({ store, logger: { error } });
    webhooks.on('order_created', () => {});
    expect((await webhooks.receive(signed(order))).status).toBe(200);
    expect(error).toHaveBeenCalledWith(
      'idempotency store write failed after handlers ran',
      expect.anything(),
    );
  });
});

describe('once', () => {
  test('runs a step once across deliveries of different events', async () => {
    const webhooks = flatReceiver();
    const ship = vi.fn(() => 'shipment_1');
    const results: unknown[] = [];
    webhooks.on('order_created', async (event, context) => {
      results.push(await context.once(`ship ${event.data.order_id}`, ship));
    });
    await webhooks.receive(signed(order, { id: 'msg_once_1' }));
    await webhooks.receive(signed(order, { id: 'msg_once_2' }));
    expect(ship).toHaveBeenCalledTimes(1);
    expect(results).toEqual(['shipment_1', undefined]);
  });

  test('lets a failed step run again', async () => {
    const webhooks = flatReceiver();
    let calls = 0;
    webhooks.on('order_created', async (_event, context) => {
      await context.once('charge card', () => {
        calls += 1;
        if (calls === 1) throw new Error('card declined');
      });
    });
    const delivery = signed(order, { id: 'msg_once_retry' });
    expect((await webhooks.receive(delivery)).status).toBe(500);
    expect((await webhooks.receive(delivery)).status).toBe(200);
    expect(calls).toBe(2);
  });
});

describe('memory store', () => {
  test('forgets the oldest finished keys past maxEntries', () => {
    const store = createMemoryStore({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) {
      const claim = store.claim(key, { leaseMs: 1000 });
      if (claim instanceof Promise || claim.state !== 'claimed') throw new Error('not claimed');
      void store.complete(key, claim.token, { retentionMs: 10_000 });
    }
    expect(store.claim('a', { leaseMs: 1000 })).toMatchObject({ state: 'claimed' });
    expect(store.claim('c', { leaseMs: 1000 })).toEqual({ state: 'completed' });
  });

  test('never evicts a key under an active lease', () => {
    const store = createMemoryStore({ maxEntries: 1 });
    void store.claim('busy', { leaseMs: 10_000 });
    void store.claim('other', { leaseMs: 10_000 });
    expect(store.claim('busy', { leaseMs: 10_000 })).toMatchObject({ state: 'in_progress' });
  });

  test('expires completed keys after the retention', () => {
    let time = 0;
    const store = createMemoryStore({ now: () => time });
    const claim = store.claim('k', { leaseMs: 1000 });
    if (claim instanceof Promise || claim.state !== 'claimed') throw new Error('not claimed');
    void store.complete('k', claim.token, { retentionMs: 5000 });
    time = 4999;
    expect(store.claim('k', { leaseMs: 1000 })).toEqual({ state: 'completed' });
    time = 5000;
    expect(store.claim('k', { leaseMs: 1000 })).toMatchObject({ state: 'claimed' });
  });

  test('lets another caller take over an expired lease', () => {
    let time = 0;
    const store = createMemoryStore({ now: () => time });
    const first = store.claim('k', { leaseMs: 1000 });
    expect(store.claim('k', { leaseMs: 1000 })).toEqual({
      state: 'in_progress',
      retryAfterMs: 1000,
    });
    time = 1000;
    const second = store.claim('k', { leaseMs: 1000 });
    expect(second).toMatchObject({ state: 'claimed' });
    if (first instanceof Promise || first.state !== 'claimed') throw new Error('not claimed');
    void store.release('k', first.token, { completedSteps: [], retentionMs: 1000 });
    expect(store.claim('k', { leaseMs: 1000 })).toMatchObject({ state: 'in_progress' });
  });

  test('rejects maxEntries below 1', () => {
    let error: unknown;
    try {
      createMemoryStore({ maxEntries: 0 });
    } catch (thrown) {
      error = thrown;
    }
    expect(isConfigurationError(error)).toBe(true);
  });
});
