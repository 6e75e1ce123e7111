import { randomUUID } from 'node:crypto';
import { createRedisStore } from '@hookline/redis';
import { Redis } from 'ioredis';
import { checkService, redisUrl } from './services.js';
import { describeStoreSuite } from './store-suite.js';

const gate = await checkService('Redis', redisUrl, async () => {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw lastError ?? error;
  } finally {
    client.disconnect();
  }
});

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
  gate,
);
