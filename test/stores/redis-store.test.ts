import { randomUUID } from 'node:crypto';
import { createRedisStore } from '@hookline/redis';
import { Redis } from 'ioredis';
import { redisGate, redisUrl } from './services.js';
import { describeStoreSuite } from './store-suite.js';

describeStoreSuite(
  'redis store',
  () => {
    const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    const prefix = `hookline-test:${randomUUID()}:`;
    return {
      store: createRedisStore({ client, prefix }),
      teardown: async () => {
        const keys = await client.keys(`${prefix}*`);
        if (keys.length > 0) await client.del(...keys);
        client.disconnect();
      },
    };
  },
  await redisGate(),
);
