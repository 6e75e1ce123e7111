import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { standardKey } from './deliveries.js';

// The floor: what a careful developer writes by hand with node:crypto for Standard Webhooks,
// with the same checks hookline makes (headers present, timestamp within 300 s, any of the
// space-separated v1 signatures matches) and nothing else.

type NodeHeaders = Readonly<Record<string, string | string[] | undefined>>;

const toleranceSeconds = 300;

/**
 * Returns true when the delivery is signed with the benchmark key, and false for a missing or
 * malformed header, a stale timestamp or a wrong signature.
 */
export function floorVerify(headers: NodeHeaders, body: Buffer, nowMs = Date.now()): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') {
    return false;
  }
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(nowMs / 1000 - seconds) > toleranceSeconds) {
    return false;
  }
  const expected = createHmac('sha256', standardKey)
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest();
  for (const token of signatures.split(' ')) {
    if (!token.startsWith('v1,')) continue;
    const received = Buffer.from(token.slice(3), 'base64');
    if (received.length === expected.length && timingSafeEqual(received, expected)) return true;
  }
  return false;
}

/** The schema of the benchmark event's data, shared by the floor pipeline and hookline. */
export const orderSchema = z.object({
  orderId: z.string(),
  amount: z.number().int(),
  currency: z.string().length(3),
  items: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })),
  note: z.string(),
});

export type Order = z.infer<typeof orderSchema>;

/**
 * Runs the floor pipeline: verify, `JSON.parse`, check the type, validate the data with zod and await
 * the handler. Returns true when the handler ran.
 */
export async function floorReceive(
  headers: NodeHeaders,
  body: Buffer,
  handler: (order: Order) => unknown,
  nowMs = Date.now(),
): Promise<boolean> {
  if (!floorVerify(headers, body, nowMs)) return false;
  const payload = JSON.parse(body.toString('utf8')) as { type?: unknown; data?: unknown };
  if (payload.type !== 'order.created') return false;
  const checked = orderSchema.safeParse(payload.data);
  if (!checked.success) return false;
  await handler(checked.data);
  return true;
}
