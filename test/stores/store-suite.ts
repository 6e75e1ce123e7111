// The behaviour every idempotency store must share, run against each store by its own test file.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWebhooks, type IdempotencyStore, standardWebhooks } from '@hookline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService, type ServiceGate } from './services.js';

/** An open store and how to drop what the test run created. */
export interface StoreFixture {
  store: IdempotencyStore;
  teardown: () => Promise<void> | void;
}

// Long enough that no lease expires by accident on a loaded machine. The expiry tests use
// `shortMs` and then sleep `pastShort`, which only has to be longer.
const leaseMs = 60_000;
const retentionMs = 60_000;
const shortMs = 150;
const pastShort = 350;
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * Declares the shared store tests under `name`. When `gate` reports that the server did not respond, the
 * tests are skipped, or fail when `HOOKLINE_REQUIRE_SERVICES=1`.
 */
export function describeStoreSuite(
  name: string,
  open: () => Promise<StoreFixture> | StoreFixture,
  gate: ServiceGate = { available: true, reason: '' },
): void {
  describeWithService(name, gate, () => {
    let fixture: StoreFixture;
    beforeAll(async () => {
      fixture = await open();
    });
    afterAll(async () => {
      await fixture?.teardown();
    });
    const store = () => fixture.store;
    declareClaimTests(store);
    declareExpiryTests(store);
    declareReceiveTests(store);
  });
}

function uniqueKey(label: string): string {
  return `${label}:${randomUUID()}`;
}

async function claimToken(store: IdempotencyStore, key: string, lease = leaseMs): Promise<string> {
  const claim = await store.claim(key, { leaseMs: lease });
  if (claim.state !== 'claimed') throw new Error(`expected a claim of ${key}, got ${claim.state}`);
  return claim.token;
}

function declareClaimTests(store: () => IdempotencyStore): void {
  it('claims a new key with a token and no steps', async () => {
    const claim = await store().claim(uniqueKey('new'), { leaseMs });
    expect(claim.state).toBe('claimed');
    if (claim.state !== 'claimed') return;
    expect(claim.token).not.toBe('');
    expect(claim.completedSteps).toEqual([]);
  });

  it('answers in_progress while the lease holds', async () => {
    const key = uniqueKey('lease');
    await claimToken(store(), key);
    const second = await store().claim(key, { leaseMs });
    expect(second.state).toBe('in_progress');
    if (second.state !== 'in_progress') return;
    expect(second.retryAfterMs).toBeGreaterThan(0);
    expect(second.retryAfterMs).toBeLessThanOrEqual(leaseMs);
  });

  it('answers completed after complete', async () => {
    const key = uniqueKey('done');
    const token = await claimToken(store(), key);
    await store().complete(key, token, { retentionMs });
    expect(await store().claim(key, { leaseMs })).toEqual({ state: 'completed' });
  });

  it('accepts complete twice', async () => {
    const key = uniqueKey('twice');
    const token = await claimToken(store(), key);
    await store().complete(key, token, { retentionMs });
    await store().complete(key, token, { retentionMs });
    expect(await store().claim(key, { leaseMs })).toEqual({ state: 'completed' });
  });

  it('frees a released key for a new claim', async () => {
    const key = uniqueKey('release');
    const first = await claimToken(store(), key);
    await store().release(key, first, { completedSteps: [], retentionMs });
    const again = await store().claim(key, { leaseMs });
    expect(again.state).toBe('claimed');
    if (again.state !== 'claimed') return;
    expect(again.token).not.toBe(first);
    expect(again.completedSteps).toEqual([]);
  });

  it('returns the steps of a released attempt', async () => {
    const key = uniqueKey('steps');
    const first = await claimToken(store(), key);
    const steps = ['order.created#0', 'order.*#1'];
    await store().release(key, first, { completedSteps: steps, retentionMs });
    const again = await store().claim(key, { leaseMs });
    expect(again).toMatchObject({ state: 'claimed', completedSteps: steps });
  });

  it('ignores release with a stale token', async () => {
    const key = uniqueKey('stale');
    await claimToken(store(), key);
    await store().release(key, 'not-the-token', { completedSteps: [], retentionMs });
    expect((await store().claim(key, { leaseMs })).state).toBe('in_progress');
  });

  it('gives one claim to many concurrent callers', async () => {
    const key = uniqueKey('race');
    const claims = await Promise.all(
      Array.from({ length: 25 }, async () => store().claim(key, { leaseMs: 10_000 })),
    );
    expect(claims.filter((claim) => claim.state === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.state === 'in_progress')).toHaveLength(24);
  });

  it('keeps keys with unusual characters apart', async () => {
    const base = uniqueKey('chars');
    const keys = [
      `${base}{a}`,
      `${base}}`,
      `${base} ü ✓`,
      `${base}:${'x'.repeat(300)}`,
      `${base}'`,
    ];
    for (const key of keys) expect((await store().claim(key, { leaseMs })).state).toBe('claimed');
    for (const key of keys)
      expect((await store().claim(key, { leaseMs })).state).toBe('in_progress');
  });
}

function declareExpiryTests(store: () => IdempotencyStore): void {
  it('hands an expired lease to the next caller', async () => {
    const key = uniqueKey('expired');
    const first = await claimToken(store(), key, shortMs);
    await sleep(pastShort);
    const second = await store().claim(key, { leaseMs });
    expect(second.state).toBe('claimed');
    if (second.state !== 'claimed') return;
    expect(second.token).not.toBe(first);
    await store().release(key, first, { completedSteps: [], retentionMs });
    expect((await store().claim(key, { leaseMs })).state).toBe('in_progress');
  });

  it('keeps steps across an expired lease', async () => {
    const key = uniqueKey('carry');
    const first = await claimToken(store(), key);
    await store().release(key, first, { completedSteps: ['a#0'], retentionMs });
    await claimToken(store(), key, shortMs);
    await sleep(pastShort);
    expect(await store().claim(key, { leaseMs })).toMatchObject({ completedSteps: ['a#0'] });
  });

  it('accepts complete from an expired lease', async () => {
    const key = uniqueKey('late');
    const first = await claimToken(store(), key, shortMs);
    await sleep(pastShort);
    await claimToken(store(), key);
    await store().complete(key, first, { retentionMs });
    expect(await store().claim(key, { leaseMs })).toEqual({ state: 'completed' });
  });

  it('forgets a done key after its retention', async () => {
    const key = uniqueKey('retention');
    const token = await claimToken(store(), key);
    await store().complete(key, token, { retentionMs: shortMs });
    await sleep(pastShort);
    expect(await store().claim(key, { leaseMs })).toMatchObject({ state: 'claimed' });
  });

  it('forgets released steps after their retention', async () => {
    const key = uniqueKey('steps-retention');
    const token = await claimToken(store(), key);
    await store().release(key, token, { completedSteps: ['a#0'], retentionMs: shortMs });
    await sleep(pastShort);
    expect(await store().claim(key, { leaseMs })).toMatchObject({ completedSteps: [] });
  });
}

function signedDelivery(id: string, type: string) {
  const scheme = standardWebhooks({ secret });
  const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data: { id } });
  return { method: 'POST', headers: scheme.sign({ body, id }), body };
}

function declareReceiveTests(store: () => IdempotencyStore): void {
  it('reruns only the failed handler on retry', async () => {
    const webhooks = createWebhooks({ scheme: standardWebhooks({ secret }), store: store() });
    const calls = { first: 0, second: 0 };
    webhooks.on('order.created', () => {
      calls.first += 1;
    });
    webhooks.on('order.created', () => {
      calls.second += 1;
      if (calls.second === 1) throw new Error('carrier offline');
    });
    const delivery = signedDelivery(uniqueKey('msg'), 'order.created');
    expect((await webhooks.receive(delivery)).status).toBe(500);
    expect((await webhooks.receive(delivery)).status).toBe(200);
    const third = await webhooks.receive(delivery);
    expect(third.result).toBe('duplicate');
    expect(calls).toEqual({ first: 1, second: 2 });
  });

  it('runs a once step a single time across events', async () => {
    const webhooks = createWebhooks({ scheme: standardWebhooks({ secret }), store: store() });
    const orderKey = uniqueKey('ship order');
    let shipped = 0;
    webhooks.on('order.paid', async (_event, context) => {
      await context.once(orderKey, () => {
        shipped += 1;
      });
    });
    const outcomes = [
      await webhooks.receive(signedDelivery(uniqueKey('msg'), 'order.paid')),
      await webhooks.receive(signedDelivery(uniqueKey('msg'), 'order.paid')),
    ];
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['handled', 'handled']);
    expect(shipped).toBe(1);
  });

  it('runs the handler once for concurrent copies', async () => {
    const webhooks = createWebhooks({ scheme: standardWebhooks({ secret }), store: store() });
    let runs = 0;
    webhooks.on('order.created', async () => {
      runs += 1;
      await sleep(50);
    });
    const delivery = signedDelivery(uniqueKey('msg'), 'order.created');
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async () => webhooks.receive(delivery)),
    );
    // A copy that claims after the first finished gets a duplicate instead of 409.
    const results = outcomes.map((outcome) => `${outcome.status} ${outcome.result}`);
    expect(results.filter((result) => result === '200 handled')).toHaveLength(1);
    const others = results.filter((result) => result !== '200 handled');
    expect(others.every((result) => result === '409 failed' || result === '200 duplicate')).toBe(
      true,
    );
    expect(runs).toBe(1);
  });
}
