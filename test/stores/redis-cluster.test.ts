// The shared suite on a three-node Redis Cluster of private redis-server processes, so the
// store's single-key scripts and hash-tagged keys are checked against real slot routing.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedisStore } from '@hookline/redis';
import { Cluster } from 'ioredis';
import { freePort } from './processes/cluster.js';
import { type RedisServer, startRedisServer } from './processes/redis-server.js';
import { tempFolder } from './processes/stores.js';
import type { ServiceGate } from './services.js';
import { describeStoreSuite } from './store-suite.js';

const installed = ['redis-server', 'redis-cli'].every(
  (command) => spawnSync(command, ['--version']).status === 0,
);
const gate: ServiceGate = installed
  ? { available: true, reason: '' }
  : { available: false, reason: 'redis-server or redis-cli is not installed' };

async function startCluster(folder: string): Promise<RedisServer[]> {
  const ports = [await freePort(), await freePort(), await freePort()];
  const options = { persistent: false, cluster: true };
  const nodes = await Promise.all(ports.map((port) => startRedisServer(port, folder, options)));
  const addresses = ports.map((port) => `127.0.0.1:${port}`);
  execFileSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-yes'], {
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const info = execFileSync('redis-cli', ['-p', String(ports[0]), 'cluster', 'info']);
    if (info.toString().includes('cluster_state:ok')) return nodes;
    await sleep(50);
  }
  throw new Error(`the Redis Cluster on ports ${ports.join(', ')} did not reach state ok`);
}

describeStoreSuite(
  'redis store on a cluster',
  async () => {
    const temp = tempFolder();
    const nodes = await startCluster(temp.folder);
    const client = new Cluster(nodes.map((node) => ({ host: '127.0.0.1', port: node.port })));
    const store = createRedisStore({ client, prefix: `hookline-test:${randomUUID()}:` });
    return {
      store,
      teardown: async () => {
        client.disconnect();
        await Promise.all(nodes.map(async (node) => node.stop()));
        temp.remove();
      },
    };
  },
  gate,
);
