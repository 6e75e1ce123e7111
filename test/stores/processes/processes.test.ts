// Several receiver processes share one store and receive the same event ids over HTTP. The run
// log that the receivers append to proves how often each handler started and finished.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService, postgresGate, redisGate, type ServiceGate } from '../services.js';
import { countRuns, deliver, type Receiver, type Reply, startReceiver } from './cluster.js';
import type { TestOrder } from './order.js';
import { postgresSetup, redisSetup, type StoreSetup, sqliteSetup, tempFolder } from './stores.js';

const leaseMs = 1_500;

/** Delivers until the reply is 200, retrying after 409 and 503 as a sender would. */
async function deliverUntilAccepted(port: number, id: string, order: TestOrder = {}) {
  const replies: Reply[] = [];
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const reply = await deliver(port, id, order);
    replies.push(reply);
    if (reply.status !== 409 && reply.status !== 503) return replies;
    await sleep(100);
  }
  return replies;
}

async function waitForStart(runLog: string, id: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((countRuns(runLog).get(id)?.start ?? 0) > 0) return;
    await sleep(25);
  }
  throw new Error(`no handler started for ${id}`);
}

function describeProcesses(
  kind: string,
  gate: ServiceGate,
  makeSetup: (folder: string) => StoreSetup,
): void {
  describeWithService(`${kind} store across processes`, gate, () => {
    const temp = tempFolder();
    const runLog = join(temp.folder, 'runs.log');
    const setup = makeSetup(temp.folder);
    let receivers: Receiver[] = [];
    const receiver = (index: number) => receivers[index] as Receiver;

    beforeAll(async () => {
      writeFileSync(runLog, '');
      const env = { ...setup.env, RUN_LOG: runLog, LEASE_MS: String(leaseMs) };
      receivers = await Promise.all([0, 1, 2].map(async () => startReceiver(env)));
    });
    afterAll(async () => {
      await Promise.all(receivers.map(async (item) => item.kill()));
      await setup.teardown();
      temp.remove();
    });

    it('runs each event once across three processes', async () => {
      const ids = Array.from({ length: 12 }, (_, index) => `evt_${index}_${randomUUID()}`);
      const copies = ids.flatMap((id) => receivers.map((item) => ({ id, port: item.port })));
      const replies = await Promise.all(
        copies.map(async ({ id, port }) => deliverUntilAccepted(port, id, { sleepMs: 100 })),
      );
      const statuses = new Set(replies.flat().map((reply) => reply.status));
      expect([...statuses].every((status) => status === 200 || status === 409)).toBe(true);
      expect(replies.every((list) => list.at(-1)?.status === 200)).toBe(true);
      const runs = countRuns(runLog);
      for (const id of ids) expect(runs.get(id), id).toEqual({ start: 1, done: 1 });
      const handled = replies.filter((list) => list.at(-1)?.body === '{"status":"handled"}');
      expect(handled).toHaveLength(ids.length);
    });

    it('retries a throwing handler in another process', async () => {
      const id = `evt_fail_${randomUUID()}`;
      const failed = await deliver(receiver(0).port, id, { mode: 'fail-first' });
      expect(failed.status).toBe(500);
      expect(JSON.parse(failed.body)).toMatchObject({ error: { code: 'HOOKLINE_HANDLER_FAILED' } });
      const retried = await deliver(receiver(1).port, id, { mode: 'fail-first' });
      expect(retried).toMatchObject({ status: 200, body: '{"status":"handled"}' });
      const duplicate = await deliver(receiver(2).port, id, { mode: 'fail-first' });
      expect(duplicate).toMatchObject({ status: 200, body: '{"status":"duplicate"}' });
      expect(countRuns(runLog).get(id)).toEqual({ start: 2, done: 1 });
    });

    it('hands a killed process’s event to the retry after the lease', async () => {
      const id = `evt_kill_${randomUUID()}`;
      const order: TestOrder = { mode: 'hang-first' };
      const hanging = deliver(receiver(2).port, id, order).catch(() => undefined);
      await waitForStart(runLog, id);
      await receiver(2).kill();
      await hanging;
      const during = await deliver(receiver(0).port, id, order);
      expect(during.status).toBe(409);
      expect(Number(during.retryAfter)).toBeGreaterThanOrEqual(1);
      await sleep(leaseMs + 200);
      const retried = await deliver(receiver(0).port, id, order);
      expect(retried).toMatchObject({ status: 200, body: '{"status":"handled"}' });
      expect(countRuns(runLog).get(id)).toEqual({ start: 2, done: 1 });
    });
  });
}

describeProcesses('sqlite', { available: true, reason: '' }, sqliteSetup);
describeProcesses('redis', await redisGate(), () => redisSetup());
describeProcesses('postgres', await postgresGate(), () => postgresSetup());
