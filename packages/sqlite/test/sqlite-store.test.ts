import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWebhooks, standardWebhooks } from '@hookline/core';
import { createSqliteStore, type SqliteStore } from '@hookline/sqlite';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const lease = { leaseMs: 60_000 };
let folder: string;
const opened: SqliteStore[] = [];

function open(options: Parameters<typeof createSqliteStore>[0] = {}): SqliteStore {
  const store = createSqliteStore({ path: join(folder, 'dedupe.sqlite'), ...options });
  opened.push(store);
  return store;
}

function rowCount(store: SqliteStore): number {
  const row = store.database.prepare('SELECT count(*) AS n FROM hookline_dedupe').get() as {
    n: number;
  };
  return row.n;
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'hookline-sqlite-'));
});
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('createSqliteStore options', () => {
  it('rejects options without path or database', () => {
    expect(() => createSqliteStore({})).toThrow(/missing `path`/);
    expect(() => createSqliteStore({})).toThrow(
      expect.objectContaining({ code: 'HOOKLINE_INVALID_CONFIG' }),
    );
  });

  it('rejects a table name with a quote', () => {
    expect(() => open({ table: 'x"; DROP TABLE y; --' })).toThrow(/table must be letters/);
  });

  it('rejects a negative cleanup interval', () => {
    expect(() => open({ cleanupIntervalMs: -1 })).toThrow(/cleanupIntervalMs must be/);
  });

  it('opens the file in WAL mode', () => {
    expect(open().database.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('leaves an injected database open on close', () => {
    const database = new Database(join(folder, 'own.sqlite'));
    const store = createSqliteStore({ database, table: 'dedupe' });
    store.close();
    expect(database.open).toBe(true);
    database.close();
  });
});

describe('sqlite store file', () => {
  it('shares claims between two connections', () => {
    const first = open();
    const second = open();
    expect(first.claim('evt_1', lease).state).toBe('claimed');
    expect(second.claim('evt_1', lease).state).toBe('in_progress');
  });

  it('keeps a done key across a reopen', () => {
    const first = open();
    const claim = first.claim('evt_1', lease);
    if (claim.state === 'claimed') first.complete('evt_1', claim.token, { retentionMs: 60_000 });
    first.close();
    expect(open().claim('evt_1', lease)).toEqual({ state: 'completed' });
  });

  it('stores released steps as JSON', () => {
    const store = open();
    const claim = store.claim('evt_1', lease);
    if (claim.state !== 'claimed') throw new Error('not claimed');
    store.release('evt_1', claim.token, { completedSteps: ['a#0'], retentionMs: 60_000 });
    const row = store.database.prepare('SELECT token, steps, done FROM hookline_dedupe').get();
    expect(row).toEqual({ token: null, steps: '["a#0"]', done: 0 });
  });
});

describe('sqlite store cleanup', () => {
  it('deletes only expired rows', async () => {
    const store = open({ cleanupIntervalMs: 0 });
    store.complete('old', 't', { retentionMs: 1 });
    store.complete('new', 't', { retentionMs: 60_000 });
    await sleep(10);
    expect(store.cleanup()).toBe(1);
    expect(rowCount(store)).toBe(1);
  });

  it('deletes expired rows during a claim once the interval passed', async () => {
    const store = open({ cleanupIntervalMs: 5 });
    store.complete('old', 't', { retentionMs: 1 });
    await sleep(20);
    store.claim('evt_1', lease);
    expect(rowCount(store)).toBe(1);
  });
});

describe('sqlite store failures', () => {
  function receiver(store: SqliteStore, onStoreError: 'reject' | 'process') {
    const scheme = standardWebhooks({ secret });
    const logged: string[] = [];
    const logger = { error: (message: string) => logged.push(message) };
    const webhooks = createWebhooks({ scheme, store, logger, dedupe: { onStoreError } });
    let runs = 0;
    webhooks.on('order.created', () => {
      runs += 1;
    });
    const body = JSON.stringify({ type: 'order.created', timestamp: '2026-01-01', data: {} });
    const delivery = { method: 'POST', headers: scheme.sign({ body, id: 'evt_1' }), body };
    return { receive: () => webhooks.receive(delivery), runs: () => runs, logged };
  }

  it('answers 503 when the database is closed', async () => {
    const store = open();
    store.database.close();
    const { receive, runs, logged } = receiver(store, 'reject');
    const outcome = await receive();
    expect(outcome.status).toBe(503);
    expect(outcome.headers['retry-after']).toBe('5');
    expect(outcome.error?.code).toBe('HOOKLINE_STORE_UNAVAILABLE');
    expect(runs()).toBe(0);
    expect(logged).toContain('idempotency store unavailable');
  });

  it('runs the handler without dedupe when told to', async () => {
    const store = open();
    store.database.close();
    const { receive, runs } = receiver(store, 'process');
    expect((await receive()).status).toBe(200);
    expect((await receive()).status).toBe(200);
    expect(runs()).toBe(2);
  });
});
