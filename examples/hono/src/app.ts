import { createWebhooks, flatEnvelope, standardWebhooks } from '@hookline/core';
import { createFetchHandler } from '@hookline/fetch';
import { createStoreFromEnv, events, formatEvent } from '@hookline-examples/shared';
import { Hono } from 'hono';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The Standard Webhooks signing secret (`whsec_…`). */
  secret: string;
  /** The function that prints each handled event. @default console.log */
  print?: (line: string) => void;
}

/** Creates the Hono app: `POST /webhook` verifies, dedupes and prints each event. */
export function createApp({ secret, print = console.log }: AppOptions): Hono {
  const webhooks = createWebhooks({
    scheme: standardWebhooks({ secret }),
    envelope: flatEnvelope('event_type'),
    events,
    store: createStoreFromEnv(),
  });
  webhooks.on(['user_registered', 'order_created'], (event) => print(formatEvent(event)));

  const handle = createFetchHandler(webhooks);
  const app = new Hono();
  // c.req.raw is the untouched Request, so hookline reads the raw body itself.
  app.post('/webhook', (c) => handle(c.req.raw));
  return app;
}
