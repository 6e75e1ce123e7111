import {
  createWebhooks,
  flatEnvelope,
  standardWebhooks,
  type WebhookEvent,
  type Webhooks,
} from '@hookline/core';
import { z } from 'zod';

export const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const bodyLimit = 4096;

export const events = {
  user_registered: z.object({ event_type: z.literal('user_registered'), user_id: z.string() }),
  order_created: z.object({
    event_type: z.literal('order_created'),
    order_id: z.string(),
    amount: z.number().int().nonnegative(),
    currency: z.string().length(3),
    customer: z.string().optional(),
  }),
};

/** A receiver for the adapter tests, and the events its handler saw. */
export interface Fixture {
  webhooks: Webhooks<typeof events>;
  seen: WebhookEvent[];
  /** Resolves the handler calls that wait on it; `holdHandlers` makes them wait. */
  release: () => void;
  holdHandlers: () => void;
  errors: string[];
  /** Error codes logged at debug level, such as rejected reads. */
  debugCodes: unknown[];
}

export function createFixture(): Fixture {
  let gate: Promise<void> | undefined;
  let open = (): void => {};
  const errors: string[] = [];
  const debugCodes: unknown[] = [];
  const webhooks = createWebhooks({
    scheme: standardWebhooks({ secret }),
    envelope: flatEnvelope('event_type'),
    events,
    bodyLimit,
    logger: {
      error: (message) => errors.push(message),
      debug: (_message, fields) => {
        if (fields?.code !== undefined) debugCodes.push(fields.code);
      },
    },
  });
  const fixture: Fixture = {
    webhooks,
    seen: [],
    errors,
    debugCodes,
    release: () => open(),
    holdHandlers: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
  };
  webhooks.onAny(async (event) => {
    fixture.seen.push(event);
    await gate;
    if (event.type === 'order_created' && event.data.customer === 'fail') {
      throw new Error('handler failed on purpose');
    }
  });
  return fixture;
}

/** Signs `body` like a Standard Webhooks sender; `offsetSeconds` moves the timestamp. */
export function signedHeaders(
  webhooks: Fixture['webhooks'],
  body: string | Uint8Array,
  options: { id?: string; offsetSeconds?: number } = {},
): Record<string, string> {
  return webhooks.scheme.sign({
    body,
    id: options.id ?? `msg_${Math.random().toString(36).slice(2)}`,
    timestamp: Date.now() + (options.offsetSeconds ?? 0) * 1000,
  });
}

export function orderBody(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event_type: 'order_created',
    order_id: 'ord_1',
    amount: 4200,
    currency: 'EUR',
    ...fields,
  });
}
