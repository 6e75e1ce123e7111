import { createWebhooks, flatEnvelope, standardWebhooks } from '@hookline/core';
import { hookline } from '@hookline/fastify';
import { createStoreFromEnv, events, formatEvent } from '@hookline-examples/shared';
import Fastify, { type FastifyInstance } from 'fastify';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The Standard Webhooks signing secret (`whsec_…`). */
  secret: string;
  /** The function that prints each handled event. @default console.log */
  print?: (line: string) => void;
}

/** Creates the Fastify app: `POST /webhook` verifies, dedupes and prints each event. */
export async function createApp({
  secret,
  print = console.log,
}: AppOptions): Promise<FastifyInstance> {
  const webhooks = createWebhooks({
    scheme: standardWebhooks({ secret }),
    envelope: flatEnvelope('event_type'),
    events,
    store: createStoreFromEnv(),
  });
  webhooks.on(['user_registered', 'order_created'], (event) => print(formatEvent(event)));

  const app = Fastify();
  await app.register(hookline, { webhooks, path: '/webhook' });
  return app;
}
