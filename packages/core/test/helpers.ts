import {
  createWebhooks,
  flatEnvelope,
  standardWebhooks,
  type WebhooksOptions,
} from '@hookline/core';
import { z } from 'zod';

export const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const now = 1_700_000_000_000;
export const scheme = standardWebhooks({ secret });

export const events = {
  user_registered: z.object({ event_type: z.literal('user_registered'), user_id: z.string() }),
  order_created: z.object({
    event_type: z.literal('order_created'),
    order_id: z.string(),
    amount: z.number().int().nonnegative(),
  }),
};

/** Creates a receiver for the flat `{ event_type, … }` payloads of the classic minimal receiver. */
export function flatReceiver(options: Partial<WebhooksOptions<typeof events>> = {}) {
  return createWebhooks({
    scheme,
    events,
    envelope: flatEnvelope('event_type'),
    clock: () => now,
    ...options,
  });
}

let counter = 0;

/** Signs `payload` as a Standard Webhooks delivery at the fixed test clock. */
export function signed(
  payload: unknown,
  options: { id?: string; body?: string | Uint8Array } = {},
) {
  const body = options.body ?? JSON.stringify(payload);
  const id = options.id ?? `msg_${++counter}`;
  return { headers: scheme.sign({ body, id, timestamp: now }), body };
}

/** Parses an outcome body as the JSON error shape. */
export function errorCode(body: string): string | undefined {
  const parsed = JSON.parse(body) as { error?: { code?: string } };
  return parsed.error?.code;
}
