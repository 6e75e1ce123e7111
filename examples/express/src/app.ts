import { createWebhooks, flatEnvelope, standardWebhooks } from '@hookline/core';
import { webhookMiddleware } from '@hookline/express';
import { createStoreFromEnv, events, formatEvent } from '@hookline-examples/shared';
import express from 'express';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The Standard Webhooks signing secret (`whsec_…`). */
  secret: string;
  /** The function that prints each handled event. @default console.log */
  print?: (line: string) => void;
}

/** Creates the Express app: `POST /webhook` verifies, dedupes and prints each event. */
export function createApp({ secret, print = console.log }: AppOptions): express.Express {
  const webhooks = createWebhooks({
    scheme: standardWebhooks({ secret }),
    envelope: flatEnvelope('event_type'),
    events,
    store: createStoreFromEnv(),
  });
  webhooks.on(['user_registered', 'order_created'], (event) => print(formatEvent(event)));

  const app = express();
  // The webhook route comes first because it needs the raw bytes that express.json() consumes.
  app.post('/webhook', webhookMiddleware(webhooks));
  app.use(express.json());
  return app;
}
