// Redis stops while receivers run: deliveries get 503 with Retry-After, nothing runs without
// dedupe, and after Redis is back every event is handled exactly once.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService, type ServiceGate } from '../services.js';
import {
  countRuns,
  deliver,
  freePort,
  type Receiver,
  type Reply,
  startReceiver,
} from './cluster.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { redisSetup, tempFolder } from './stores.js';

const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
const gate: ServiceGate =
  probe.status === 0
    ? { available: true, reason: '' }
    : { available: false, reason: 'redis-server is not installed, so no private Redis can start' };

async function deliverUntil200(port: number, id: string): Promise<Reply> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const reply = await deliver(port, id);
    if (reply.status === 200) return reply;
    await sleep(150);
  }
  throw new Error(`${id} was not accepted after Redis came back`);
}

describeWithService('redis store while Redis restarts', gate, () => {
  const temp = tempFolder();
  const runLog = join(temp.folder, 'runs.log');
  let server: RedisServer;
  let receivers: Receiver[] = [];
  const port = (index: number) => (receivers[index % receivers.length] as Receiver).port;

  beforeAll(async () => {
    writeFileSync(runLog, '');
    server = await startRedisServer(await freePort(), temp.folder);
    const { env } = redisSetup(server.url);
    const receiverEnv = { ...env, RUN_LOG: runLog, LEASE_MS: '1500' };
    receivers = await Promise.all([0, 1].map(async () => startReceiver(receiverEnv)));
  });
  afterAll(async () => {
    await Promise.all(receivers.map(async (item) => item.kill()));
    await server?.stop();
    temp.remove();
  });

  it('answers 503 while Redis is down and loses nothing', async () => {
    const before = Array.from({ length: 6 }, () => `evt_before_${randomUUID()}`);
    const during = Array.from({ length: 6 }, () => `evt_during_${randomUUID()}`);
    const handled = await Promise.all(before.map(async (id, index) => deliver(port(index), id)));
    expect(handled.map((reply) => reply.status)).toEqual(before.map(() => 200));

    await server.stop();
    const rejected = await Promise.all(during.map(async (id, index) => deliver(port(index), id)));
    for (const reply of rejected) {
      expect(reply.status).toBe(503);
      expect(reply.retryAfter).toBe('1');
      expect(JSON.parse(reply.body)).toMatchObject({
        error: { code: 'HOOKLINE_STORE_UNAVAILABLE' },
      });
    }
    expect(during.some((id) => countRuns(runLog).has(id))).toBe(false);

    server = await startRedisServer(server.port, temp.folder);
    const retried = await Promise.all(
      during.map(async (id, index) => deliverUntil200(port(index), id)),
    );
    expect(retried.map((reply) => reply.body)).toEqual(during.map(() => '{"status":"handled"}'));
    const again = await Promise.all(before.map(async (id, index) => deliver(port(index + 1), id)));
    expect(again.map((reply) => reply.body)).toEqual(before.map(() => '{"status":"duplicate"}'));

    const runs = countRuns(runLog);
    for (const id of [...before, ...during])
      expect(runs.get(id), id).toEqual({ start: 1, done: 1 });
  });
});
