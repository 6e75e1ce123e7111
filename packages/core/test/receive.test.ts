import { describe, expect, test, vi } from 'vitest';
import * as v from 'valibot';
import { z } from 'zod';
import { createWebhooks, standardWebhooks, type WebhookEvent } from '@hookline/core';
import { errorCode, flatReceiver, now, scheme, secret, signed } from './helpers.js';

const order = { event_type: 'order_created', order_id: 'ord_1', amount: 1200 };
const user = { event_type: 'user_registered', user_id: 'usr_1' };

describe('receive: the minimal receiver', () => {
  test('routes order_created to its handler with typed data', async () => {
    const webhooks = flatReceiver();
    const seen: string[] = [];
    webhooks.on('order_created', (event) => {
      seen.push(event.data.order_id);
    });
    const outcome = await webhooks.receive(signed(order, { id: 'msg_order' }));
    expect(outcome.status).toBe(200);
    expect(outcome.result).toBe('handled');
    expect(JSON.parse(outcome.body)).toEqual({ status: 'handled' });
    expect(outcome.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(seen).toEqual(['ord_1']);
    expect(outcome.event?.id).toBe('msg_order');
  });

  test('routes user_registered and leaves order handlers alone', async () => {
    const webhooks = flatReceiver();
    const orders = vi.fn();
    const users = vi.fn();
    webhooks.on('order_created', orders).on('user_registered', users);
    expect((await webhooks.receive(signed(user))).status).toBe(200);
    expect(users).toHaveBeenCalledTimes(1);
    expect(users.mock.calls[0]?.[0]).toMatchObject({
      type: 'user_registered',
      data: { user_id: 'usr_1' },
    });
    expect(orders).not.toHaveBeenCalled();
  });

  test('rejects an unknown event type with 400', async () => {
    const webhooks = flatReceiver();
    const any = vi.fn();
    webhooks.onAny(any);
    const outcome = await webhooks.receive(signed({ event_type: 'refund_issued' }));
    expect(outcome.status).toBe(400);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_UNKNOWN_EVENT_TYPE');
    expect(any).not.toHaveBeenCalled();
  });

  test('acknowledges an unknown event type when told to ignore it', async () => {
    const webhooks = flatReceiver({ unknownEvent: 'ignore' });
    const any = vi.fn();
    webhooks.onAny(any);
    const outcome = await webhooks.receive(signed({ event_type: 'refund_issued' }));
    expect(outcome.status).toBe(200);
    expect(outcome.result).toBe('ignored');
    expect(any).not.toHaveBeenCalled();
  });

  test('rejects a payload without an event type', async () => {
    const outcome = await flatReceiver().receive(signed({ order_id: 'x' }));
    expect(outcome.status).toBe(400);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_MISSING_EVENT_TYPE');
  });
});

describe('receive: verification and body errors', () => {
  test.each([
    [
      'a tampered body',
      (d: ReturnType<typeof signed>) => ({ ...d, body: d.body.toString().replace('1200', '9999') }),
      'HOOKLINE_SIGNATURE_MISMATCH',
    ],
    [
      'a missing signature',
      (d: ReturnType<typeof signed>) => ({
        ...d,
        headers: { ...d.headers, 'webhook-signature': '' },
      }),
      'HOOKLINE_MISSING_HEADER',
    ],
    [
      'a malformed signature',
      (d: ReturnType<typeof signed>) => ({
        ...d,
        headers: { ...d.headers, 'webhook-signature': 'garbage' },
      }),
      'HOOKLINE_MALFORMED_HEADER',
    ],
    [
      'a non-integer timestamp',
      (d: ReturnType<typeof signed>) => ({
        ...d,
        headers: { ...d.headers, 'webhook-timestamp': '1.5' },
      }),
      'HOOKLINE_TIMESTAMP_INVALID',
    ],
  ])('answers 401 to %s', async (_, tamper, code) => {
    const webhooks = flatReceiver();
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    const outcome = await webhooks.receive(tamper(signed(order)));
    expect(outcome.status).toBe(401);
    expect(errorCode(outcome.body)).toBe(code);
    expect(handler).not.toHaveBeenCalled();
  });

  test.each([
    [301_000, 'HOOKLINE_TIMESTAMP_TOO_OLD'],
    [-301_000, 'HOOKLINE_TIMESTAMP_TOO_NEW'],
  ])('answers 401 when the clock is %i ms away', async (offset, code) => {
    const webhooks = flatReceiver({ clock: () => now + offset });
    const outcome = await webhooks.receive(signed(order));
    expect(outcome.status).toBe(401);
    expect(errorCode(outcome.body)).toBe(code);
  });

  test.each([300_000, -300_000])('accepts a clock %i ms away', async (offset) => {
    const webhooks = flatReceiver({ clock: () => now + offset });
    webhooks.on('order_created', () => {});
    expect((await webhooks.receive(signed(order))).status).toBe(200);
  });

  test('answers 400 to a signed body that is not JSON', async () => {
    const outcome = await flatReceiver().receive(signed(undefined, { body: '{"event_type":' }));
    expect(outcome.status).toBe(400);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_INVALID_JSON');
  });

  test('answers 400 to a signed body that is not UTF-8', async () => {
    const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const outcome = await flatReceiver().receive(signed(undefined, { body }));
    expect(outcome.status).toBe(400);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_INVALID_JSON');
  });

  test('answers 400 to an empty signed body', async () => {
    const outcome = await flatReceiver().receive(signed(undefined, { body: '' }));
    expect(outcome.status).toBe(400);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_INVALID_JSON');
  });

  test('answers 413 to a body over the limit before verifying it', async () => {
    const webhooks = flatReceiver({ bodyLimit: 64 });
    const outcome = await webhooks.receive(signed({ ...order, padding: 'x'.repeat(100) }));
    expect(outcome.status).toBe(413);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_BODY_TOO_LARGE');
  });

  test('answers 400 to a body that a framework already parsed', async () => {
    const delivery = signed(order);
    const outcome = await flatReceiver().receive({ ...delivery, body: order as unknown as string });
    expect(outcome.status).toBe(400);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_INVALID_BODY');
  });

  test('answers 405 to a GET', async () => {
    const outcome = await flatReceiver().receive({ ...signed(order), method: 'GET' });
    expect(outcome.status).toBe(405);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_METHOD_NOT_ALLOWED');
  });

  test('strips a UTF-8 byte order mark before parsing', async () => {
    const webhooks = flatReceiver();
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    const body = `\uFEFF${JSON.stringify(order)}`;
    expect((await webhooks.receive(signed(undefined, { body }))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('receive: schemas', () => {
  test('answers 400 with the failing path when data breaks the schema', async () => {
    const webhooks = flatReceiver();
    const handler = vi.fn();
    webhooks.on('order_created', handler);
    const outcome = await webhooks.receive(signed({ ...order, amount: -5 }));
    expect(outcome.status).toBe(400);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_SCHEMA_MISMATCH');
    expect(outcome.body).toContain('amount');
    expect(handler).not.toHaveBeenCalled();
  });

  test('answers 422 to a schema mismatch when configured', async () => {
    const webhooks = flatReceiver({ schemaMismatchStatus: 422 });
    webhooks.on('order_created', () => {});
    const outcome = await webhooks.receive(signed({ ...order, amount: 'lots' }));
    expect(outcome.status).toBe(422);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_SCHEMA_MISMATCH');
  });

  test('skips validation for an event nobody handles', async () => {
    const validate = vi.fn(() => ({ issues: [{ message: 'never valid' }] }));
    const webhooks = createWebhooks({
      scheme,
      clock: () => now,
      events: {
        'order.created': { '~standard': { version: 1 as const, vendor: 'test', validate } },
      },
    });
    const outcome = await webhooks.receive(signed({ type: 'order.created', data: {} }));
    expect(outcome.status).toBe(200);
    expect(outcome.result).toBe('unhandled');
    expect(validate).not.toHaveBeenCalled();
  });

  test('validates with valibot through Standard Schema', async () => {
    const webhooks = createWebhooks({
      scheme,
      clock: () => now,
      events: { 'invoice.paid': v.object({ invoiceId: v.string(), cents: v.number() }) },
    });
    const seen: number[] = [];
    webhooks.on('invoice.paid', (event) => {
      seen.push(event.data.cents);
    });
    const good = await webhooks.receive(
      signed({ type: 'invoice.paid', data: { invoiceId: 'in_1', cents: 5 } }),
    );
    const bad = await webhooks.receive(
      signed({ type: 'invoice.paid', data: { invoiceId: 'in_2' } }),
    );
    expect(good.status).toBe(200);
    expect(bad.status).toBe(400);
    expect(errorCode(bad.body)).toBe('HOOKLINE_SCHEMA_MISMATCH');
    expect(seen).toEqual([5]);
  });

  test('hands the handler the parsed output of the schema', async () => {
    const webhooks = createWebhooks({
      scheme,
      clock: () => now,
      events: { 'user.created': z.object({ createdAt: z.coerce.date() }) },
    });
    let createdAt: unknown;
    webhooks.on('user.created', (event) => {
      createdAt = event.data.createdAt;
    });
    await webhooks.receive(
      signed({ type: 'user.created', data: { createdAt: '2024-01-02T03:04:05Z' } }),
    );
    expect(createdAt).toBeInstanceOf(Date);
  });

  test('reads type, timestamp and data from the Standard Webhooks envelope', async () => {
    const webhooks = createWebhooks({ scheme: standardWebhooks({ secret }), clock: () => now });
    const events: WebhookEvent[] = [];
    webhooks.onAny((event) => {
      events.push(event);
    });
    const outcome = await webhooks.receive(
      signed(
        { type: 'contact.created', timestamp: '2022-11-03T20:26:10.344522Z', data: { id: 'c_1' } },
        { id: 'msg_env' },
      ),
    );
    expect(outcome.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('contact.created');
    expect(events[0]?.id).toBe('msg_env');
    expect(events[0]?.timestamp?.getTime()).toBe(now);
    expect(events[0]?.data).toEqual({ id: 'c_1' });
  });
});

describe('receive: response headers and hints', () => {
  test('names POST in Allow on a 405', async () => {
    const outcome = await flatReceiver().receive({ ...signed(order), method: 'PUT' });
    expect(outcome.status).toBe(405);
    expect(outcome.headers.allow).toBe('POST');
  });

  test('hints at milliseconds for a far-future timestamp', async () => {
    const delivery = signed(order);
    const milliseconds = String(now);
    const outcome = await flatReceiver().receive({
      ...delivery,
      headers: { ...delivery.headers, 'webhook-timestamp': milliseconds },
    });
    expect(outcome.status).toBe(401);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_TIMESTAMP_TOO_NEW');
    expect(outcome.body).toContain('looks like milliseconds');
  });
});
