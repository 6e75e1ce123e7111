import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWebhooks, type HandlerContext, standardWebhooks } from '@hookline/core';
import { createPostgresStore, createTableSql } from '@hookline/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, describeWithService, postgresGate } from '../../../test/stores/services.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const lease = { leaseMs: 60_000 };
const scheme = standardWebhooks({ secret });

function delivery(id: string) {
  const body = JSON.stringify({ type: 'order.created', timestamp: '2026-01-01', data: {} });
  return { method: 'POST', headers: scheme.sign({ body, id }), body };
}

describe('createPostgresStore options', () => {
  const pool = new pg.Pool({ connectionString: 'postgres://127.0.0.1:1/none' });

  it('rejects a missing pool', () => {
    const options = {} as Parameters<typeof createPostgresStore>[0];
    expect(() => createPostgresStore(options)).toThrow(
      expect.objectContaining({ code: 'HOOKLINE_INVALID_CONFIG' }),
    );
  });

  it('rejects a table name with a quote', () => {
    expect(() => createPostgresStore({ pool, table: 'a"b' })).toThrow(/table must be/);
  });

  it('quotes a schema-qualified table in the migration', () => {
    expect(createTableSql('webhooks.dedupe')).toContain(
      'CREATE TABLE IF NOT EXISTS "webhooks"."dedupe"',
    );
    expect(createTableSql('webhooks.dedupe')).toContain(
      '"dedupe_expires_at" ON "webhooks"."dedupe"',
    );
  });
});

describe('postgres store without a server', () => {
  it('makes the receiver answer 503', async () => {
    const pool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      connectionTimeoutMillis: 500,
    });
    const webhooks = createWebhooks({ scheme, store: createPostgresStore({ pool }) });
    webhooks.on('order.created', () => {});
    const outcome = await webhooks.receive(delivery('evt_1'));
    expect(outcome.status).toBe(503);
    expect(outcome.error?.code).toBe('HOOKLINE_STORE_UNAVAILABLE');
    await pool.end();
  });
});

describeWithService('postgres store on a server', await postgresGate(), () => {
  const suffix = randomUUID().replaceAll('-', '');
  const table = `hookline_pkg_${suffix}`;
  const orders = `hookline_orders_${suffix}`;
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
    await pool.query(`CREATE TABLE "${orders}" (event_id text PRIMARY KEY)`);
  });
  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS "${table}", "${orders}", "hookline_new_${suffix}"`);
    await pool.end();
  });

  async function orderCount(): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${orders}"`);
    return rows[0]?.n ?? -1;
  }

  // Inserts the order and marks the event done in one transaction; `fail` rolls both back.
  async function saveOrder(context: HandlerContext, id: string, fail: boolean) {
    const store = createPostgresStore({ pool, table });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${orders}" (event_id) VALUES ($1)`, [id]);
      await store.completeWithin(client, context);
      if (fail) throw new Error('payment service failed');
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  it('commits the done mark with the handler’s writes', async () => {
    const store = createPostgresStore({ pool, table });
    const webhooks = createWebhooks({ scheme, store });
    let attempt = 0;
    webhooks.on('order.created', async (event, context) => {
      attempt += 1;
      await saveOrder(context, event.id ?? '', attempt === 1);
    });
    const first = await webhooks.receive(delivery('evt_tx'));
    expect(first.status).toBe(500);
    expect(await orderCount()).toBe(0);
    const second = await webhooks.receive(delivery('evt_tx'));
    expect(second.result).toBe('handled');
    expect(await orderCount()).toBe(1);
    expect((await webhooks.receive(delivery('evt_tx'))).result).toBe('duplicate');
  });

  it('keeps the done mark when the process dies after the commit', async () => {
    const store = createPostgresStore({ pool, table });
    const claim = await store.claim('evt_crash', lease);
    if (claim.state !== 'claimed') throw new Error('not claimed');
    const context = { dedupeKey: 'evt_crash', claimToken: claim.token } as HandlerContext;
    await saveOrder(context, 'evt_crash', false);
    expect(await store.claim('evt_crash', lease)).toEqual({ state: 'completed' });
  });

  it('writes nothing within a transaction without a dedupe key', async () => {
    const store = createPostgresStore({ pool, table });
    const client = await pool.connect();
    const context = { dedupeKey: undefined };
    expect(await store.completeWithin(client, context)).toBe(false);
    client.release();
  });

  it('creates the table once for concurrent first claims', async () => {
    const fresh = `hookline_new_${suffix}`;
    const stores = [1, 2, 3, 4].map(() => createPostgresStore({ pool, table: fresh }));
    const claims = await Promise.all(stores.map(async (store) => store.claim('evt_1', lease)));
    expect(claims.filter((claim) => claim.state === 'claimed')).toHaveLength(1);
  });

  it('fails a claim on a missing table when createTable is false', async () => {
    const store = createPostgresStore({ pool, table: `missing_${suffix}`, createTable: false });
    await expect(store.claim('evt_1', lease)).rejects.toMatchObject({ code: '42P01' });
  });

  it('deletes only expired rows', async () => {
    const store = createPostgresStore({ pool, table, cleanupIntervalMs: 0 });
    await store.complete(`old_${suffix}`, 't', { retentionMs: 1 });
    await store.complete(`new_${suffix}`, 't', { retentionMs: 60_000 });
    await sleep(20);
    expect(await store.cleanup()).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query(`SELECT key FROM "${table}" WHERE key LIKE $1`, [
      `%_${suffix}`,
    ]);
    expect(rows).toEqual([{ key: `new_${suffix}` }]);
  });
});
