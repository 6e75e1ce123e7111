import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import {
  createWebhooks,
  isConfigurationError,
  type WebhookHandlerError,
  type WebhookEvent,
} from '@hookline/core';
import { errorCode, flatReceiver, now, scheme, signed } from './helpers.js';

const events = {
  'order.created': z.object({ id: z.string() }),
  'order.item.added': z.object({ sku: z.string() }),
  'user.created': z.object({ name: z.string() }),
};

function receiver() {
  return createWebhooks({ scheme, events, clock: () => now, store: false });
}

function delivery(type: string, data: unknown, id?: string) {
  return signed(
    { type, timestamp: new Date(now).toISOString(), data },
    id === undefined ? {} : { id },
  );
}

describe('router', () => {
  test('runs a handler registered for several types', async () => {
    const webhooks = receiver();
    const types: string[] = [];
    webhooks.on(['order.created', 'user.created'], (event) => {
      types.push(event.type);
    });
    await webhooks.receive(delivery('order.created', { id: 'o1' }));
    await webhooks.receive(delivery('user.created', { name: 'Ada' }));
    expect(types).toEqual(['order.created', 'user.created']);
  });

  test('matches dotted prefixes at every depth', async () => {
    const webhooks = receiver();
    const seen: string[] = [];
    webhooks.on('order.*', (event) => {
      seen.push(event.type);
    });
    await webhooks.receive(delivery('order.created', { id: 'o1' }));
    await webhooks.receive(delivery('order.item.added', { sku: 's1' }));
    await webhooks.receive(delivery('user.created', { name: 'Ada' }));
    expect(seen).toEqual(['order.created', 'order.item.added']);
  });

  test('runs every matching handler in registration order', async () => {
    const webhooks = receiver();
    const calls: string[] = [];
    webhooks.onAny(() => calls.push('any'));
    webhooks.on('order.*', () => calls.push('prefix'));
    webhooks.on('order.created', () => calls.push('exact'));
    await webhooks.receive(delivery('order.created', { id: 'o1' }));
    expect(calls).toEqual(['any', 'prefix', 'exact']);
  });

  test('stops calling a handler removed with off', async () => {
    const webhooks = receiver();
    const handler = vi.fn();
    const any = vi.fn();
    webhooks.on('order.created', handler).onAny(any);
    webhooks.off('order.created', handler).off('*', any);
    const outcome = await webhooks.receive(delivery('order.created', { id: 'o1' }));
    expect(outcome.result).toBe('unhandled');
    expect(handler).not.toHaveBeenCalled();
    expect(any).not.toHaveBeenCalled();
  });

  test('rejects a pattern that is neither a type nor a dotted prefix', () => {
    const webhooks = createWebhooks({ scheme });
    for (const pattern of ['*', 'order*', 'order.*.created', '']) {
      let error: unknown;
      try {
        webhooks.on(pattern, () => {});
      } catch (thrown) {
        error = thrown;
      }
      expect(isConfigurationError(error)).toBe(true);
    }
  });

  test('passes the event id and a context to handlers', async () => {
    const webhooks = createWebhooks({ scheme, events, clock: () => now });
    let seen: { event: WebhookEvent; key: string | undefined } | undefined;
    webhooks.on('user.created', (event, context) => {
      seen = { event, key: context.dedupeKey };
    });
    await webhooks.receive(delivery('user.created', { name: 'Ada' }, 'msg_ctx'));
    expect(seen?.event.id).toBe('msg_ctx');
    expect(seen?.key).toBe('standard-webhooks:msg_ctx');
  });
});

describe('handler failures', () => {
  test('runs all handlers and collects every failure into one error', async () => {
    const webhooks = receiver();
    const ran: string[] = [];
    const failures: WebhookHandlerError[] = [];
    webhooks.on('order.created', () => {
      ran.push('first');
      throw new Error('database is down at 10.0.0.5');
    });
    webhooks.on('order.created', async () => {
      ran.push('second');
    });
    webhooks.on('order.*', async () => {
      ran.push('third');
      throw new Error('queue full');
    });
    webhooks.onError((error) => {
      failures.push(error);
    });
    const outcome = await webhooks.receive(delivery('order.created', { id: 'o1' }));
    expect(outcome.status).toBe(500);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_HANDLER_FAILED');
    expect(ran.sort()).toEqual(['first', 'second', 'third']);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.errors.map((error) => (error as Error).message)).toEqual([
      'database is down at 10.0.0.5',
      'queue full',
    ]);
    expect(failures[0]?.eventType).toBe('order.created');
  });

  test('never sends handler error messages to the sender', async () => {
    const webhooks = receiver();
    webhooks.on('order.created', () => {
      throw new Error('password=hunter2');
    });
    const outcome = await webhooks.receive(delivery('order.created', { id: 'o1' }));
    expect(outcome.body).not.toContain('hunter2');
    expect(outcome.error?.code).toBe('HOOKLINE_HANDLER_FAILED');
  });

  test('survives an onError listener that throws and logs it', async () => {
    const error = vi.fn();
    const webhooks = createWebhooks({ scheme, events, clock: () => now, logger: { error } });
    webhooks.on('order.created', () => {
      throw new Error('boom');
    });
    webhooks.onError(() => {
      throw new Error('listener broke');
    });
    const outcome = await webhooks.receive(delivery('order.created', { id: 'o1' }));
    expect(outcome.status).toBe(500);
    expect(error.mock.calls.map((call) => call[0])).toEqual([
      'webhook handler failed',
      'onError listener threw',
    ]);
  });
});

describe('observability', () => {
  test('writes nothing to the console by default', async () => {
    const spies = (['log', 'debug', 'info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const webhooks = flatReceiver();
    webhooks.on('order_created', () => {
      throw new Error('boom');
    });
    await webhooks.receive(signed({ event_type: 'order_created', order_id: 'o', amount: 1 }));
    await webhooks.receive(signed({ event_type: 'nope' }));
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  test('logs type and id on receipt, never the body or the secret', async () => {
    const lines: string[] = [];
    const record = (message: string, fields?: Record<string, unknown>) => {
      lines.push(`${message} ${JSON.stringify(fields)}`);
    };
    const webhooks = flatReceiver({
      logger: { debug: record, info: record, warn: record, error: record },
    });
    webhooks.on('order_created', () => {});
    const payload = { event_type: 'order_created', order_id: 'secret-order-7', amount: 1 };
    await webhooks.receive(signed(payload, { id: 'msg_log' }));
    await webhooks.receive(signed(payload, { id: 'msg_log' }));
    expect(lines[0]).toBe('webhook received {"type":"order_created","id":"msg_log"}');
    expect(lines.some((line) => line.startsWith('webhook duplicate dropped'))).toBe(true);
    expect(lines.join('\n')).not.toContain('secret-order-7');
    expect(lines.join('\n')).not.toContain('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  });

  test('reports every outcome to the onOutcome hook', async () => {
    const outcomes: number[] = [];
    const webhooks = flatReceiver({
      hooks: { onOutcome: (outcome) => outcomes.push(outcome.status) },
    });
    webhooks.on('order_created', () => {});
    await webhooks.receive(signed({ event_type: 'order_created', order_id: 'o', amount: 1 }));
    await webhooks.receive(signed({ event_type: 'nope' }));
    expect(outcomes).toEqual([200, 400]);
  });
});

describe('handler replies', () => {
  test('sends an object from respond as JSON', async () => {
    const webhooks = createWebhooks({ scheme, events, clock: () => now });
    webhooks.on('user.created', (event, context) => {
      context.respond({ type: 4, data: { content: `hello ${event.data.name}` } });
    });
    const delivery = signed({ type: 'user.created', data: { name: 'Ada' } }, { id: 'msg_reply' });
    const outcome = await webhooks.receive(delivery);
    expect(outcome.status).toBe(200);
    expect(outcome.result).toBe('handled');
    expect(outcome.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(outcome.body)).toEqual({ type: 4, data: { content: 'hello Ada' } });
    const duplicate = await webhooks.receive(delivery);
    expect(duplicate.body).toBe('{"status":"duplicate"}');
  });

  test('sends a string with a custom status as text', async () => {
    const webhooks = receiver();
    webhooks.on('user.created', (_event, context) => {
      context.respond('queued', { status: 202 });
    });
    webhooks.on('user.created', (_event, context) => {
      context.respond('ignored second reply');
    });
    const outcome = await webhooks.receive(delivery('user.created', { name: 'Ada' }));
    expect(outcome.status).toBe(202);
    expect(outcome.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(outcome.body).toBe('queued');
  });

  test('fails the delivery for a status outside 2xx', async () => {
    const webhooks = receiver();
    webhooks.on('user.created', (_event, context) => {
      context.respond('nope', { status: 500 });
    });
    const outcome = await webhooks.receive(delivery('user.created', { name: 'Ada' }));
    expect(outcome.status).toBe(500);
    expect(errorCode(outcome.body)).toBe('HOOKLINE_HANDLER_FAILED');
  });

  test('drops the reply when another handler fails', async () => {
    const webhooks = receiver();
    webhooks.on('user.created', (_event, context) => {
      context.respond({ ok: true });
    });
    webhooks.on('user.created', () => {
      throw new Error('boom');
    });
    const outcome = await webhooks.receive(delivery('user.created', { name: 'Ada' }));
    expect(outcome.status).toBe(500);
    expect(outcome.body).not.toContain('"ok"');
  });
});

describe('handler context', () => {
  test('works when destructured', async () => {
    const webhooks = createWebhooks({ scheme, events, clock: () => now });
    const results: unknown[] = [];
    webhooks.on('user.created', async (_event, { once, respond }) => {
      results.push(await once('welcome mail', () => 'sent'));
      respond({ ok: true });
    });
    const outcome = await webhooks.receive(delivery('user.created', { name: 'Ada' }));
    expect(outcome.body).toBe('{"ok":true}');
    expect(results).toEqual(['sent']);
  });
});
