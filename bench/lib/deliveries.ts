import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';

/** Body sizes of the micro benchmarks, in bytes. */
export const bodySizes = [256, 1024, 16_384, 262_144] as const;

/** Key bytes of the Standard Webhooks secret that every benchmark delivery is signed with. */
export const standardKey = Buffer.alloc(32, 7);
/** The same key as a sender's dashboard shows it. */
export const standardSecret = `whsec_${standardKey.toString('base64')}`;
/** Stripe uses its `whsec_` string itself, UTF-8 encoded, as the HMAC key. */
export const stripeSecret = 'whsec_benchmark_stripe_signing_secret';
export const githubSecret = 'benchmark-github-secret';

/** The event type of every benchmark delivery. */
export const eventType = 'order.created';
/** The fixed signing time of deliveries whose verifier accepts an injected clock. */
export const fixedSeconds = 1_780_000_000;

/**
 * Builds a Standard Webhooks JSON payload of exactly `size` bytes: an `order.created` event whose
 * `note` field pads the data to the requested length.
 */
export function makePayload(size: number): Buffer {
  const head = {
    type: eventType,
    timestamp: '2026-06-01T12:00:00.000Z',
    data: {
      orderId: 'ord_01HZX3',
      amount: 4200,
      currency: 'eur',
      items: [{ sku: 'sku_1', qty: 2 }],
      note: '',
    },
  };
  const padding = size - Buffer.byteLength(JSON.stringify(head));
  if (padding < 0)
    throw new Error(`payload size ${size} is below the ${size - padding} byte minimum`);
  head.data.note = 'x'.repeat(padding);
  return Buffer.from(JSON.stringify(head));
}

/** Returns a copy of `body` with one byte in the middle changed, which no signature matches. */
export function tamper(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  const index = copy.length >> 1;
  copy[index] = copy[index] === 0x78 ? 0x79 : 0x78;
  return copy;
}

/** Signs a delivery the Standard Webhooks way: base64 HMAC-SHA256 over `id.timestamp.body`. */
export function signStandard(id: string, seconds: number, body: Buffer): Record<string, string> {
  const signature = createHmac('sha256', standardKey)
    .update(`${id}.${seconds}.`)
    .update(body)
    .digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': `v1,${signature}`,
  };
}

/** Signs a delivery the Stripe way: hex HMAC-SHA256 over `timestamp.body`. */
export function signStripe(seconds: number, body: Buffer): Record<string, string> {
  const signature = createHmac('sha256', stripeSecret)
    .update(`${seconds}.`)
    .update(body)
    .digest('hex');
  return { 'stripe-signature': `t=${seconds},v1=${signature}` };
}

/** Signs a delivery the GitHub way: hex HMAC-SHA256 over the body alone. */
export function signGithub(id: string, body: Buffer): Record<string, string> {
  const signature = createHmac('sha256', githubSecret).update(body).digest('hex');
  return {
    'x-github-event': 'push',
    'x-github-delivery': id,
    'x-hub-signature-256': `sha256=${signature}`,
  };
}

/** Returns the current time in whole seconds, as senders write it in timestamp headers. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
