import { Writable } from 'node:stream';
import { getHeader } from '@hookline/core';
import hooklineDefault, { hookline } from '@hookline/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFixture,
  type Fixture,
  orderBody,
  signedHeaders,
} from '../../../test/adapters/fixtures.js';
import { type RawResponse, send } from '../../../test/adapters/http-client.js';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(setup: (app: FastifyInstance) => PromiseLike<unknown>): Promise<string> {
  app = Fastify({ logger: false });
  await setup(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

function deliver(url: string, fixture: Fixture, path = '/webhook', body = orderBody()) {
  const headers: [string, string][] = [
    ['content-type', 'application/json'],
    ...Object.entries(signedHeaders(fixture.webhooks, body)),
  ];
  return send(url, { path, headers, chunks: [body] });
}

function postJson(url: string, path: string, value: unknown): Promise<RawResponse> {
  const headers: [string, string][] = [['content-type', 'application/json']];
  return send(url, { path, headers, chunks: [JSON.stringify(value)] });
}

describe('hookline Fastify plugin', () => {
  it('leaves JSON parsing to the other routes', async () => {
    const fixture = createFixture();
    const url = await start(async (instance) => {
      await instance.register(hookline, { webhooks: fixture.webhooks, path: '/webhook' });
      instance.post('/orders', async (request) => ({ received: request.body }));
    });

    const webhook = await deliver(url, fixture);
    const other = await postJson(url, '/orders', { order_id: 'ord_2' });

    expect(webhook.status).toBe(200);
    expect(fixture.seen).toHaveLength(1);
    expect(other.status).toBe(200);
    expect(other.json).toEqual({ received: { order_id: 'ord_2' } });
  });

  it.each([';;;', 'a', '/', 'application/json, text/html'])(
    'accepts malformed content type %j',
    async (contentType) => {
      const fixture = createFixture();
      const types: (string | undefined)[] = [];
      fixture.webhooks.onAny((_event, context) => {
        types.push(getHeader(context.delivery.headers, 'content-type'));
      });
      const url = await start((instance) =>
        instance.register(hookline, { webhooks: fixture.webhooks }),
      );
      const body = orderBody();
      const headers: [string, string][] = [
        ['content-type', contentType],
        ...Object.entries(signedHeaders(fixture.webhooks, body)),
      ];

      const response = await send(url, { headers, chunks: [body] });

      expect(response.status).toBe(200);
      expect(fixture.seen).toHaveLength(1);
      expect(types).toEqual([contentType]);
    },
  );

  it('is also the default export', () => {
    expect(hooklineDefault).toBe(hookline);
  });

  it('serves /webhook when no path is given', async () => {
    const fixture = createFixture();
    const url = await start((instance) =>
      instance.register(hookline, { webhooks: fixture.webhooks }),
    );

    const response = await deliver(url, fixture);

    expect(response.status).toBe(200);
  });

  it('works inside a prefixed context', async () => {
    const fixture = createFixture();
    const url = await start(async (instance) => {
      await instance.register(
        async (api) => {
          await api.register(hookline, { webhooks: fixture.webhooks, path: '/webhook' });
        },
        { prefix: '/api' },
      );
    });

    const response = await deliver(url, fixture, '/api/webhook');

    expect(response.status).toBe(200);
    expect(fixture.seen).toHaveLength(1);
  });

  it('applies the prefix option', async () => {
    const fixture = createFixture();
    const url = await start((instance) =>
      instance.register(hookline, { webhooks: fixture.webhooks, prefix: '/hooks' }),
    );

    const response = await deliver(url, fixture, '/hooks/webhook');

    expect(response.status).toBe(200);
  });

  it('keeps the app error handler for other routes', async () => {
    const fixture = createFixture();
    const url = await start(async (instance) => {
      instance.setErrorHandler(async (_error, _request, reply) =>
        reply.code(418).send({ handledBy: 'app' }),
      );
      await instance.register(hookline, { webhooks: fixture.webhooks });
      instance.post('/boom', async () => {
        throw new Error('boom');
      });
    });

    const other = await postJson(url, '/boom', {});
    const tampered = await send(url, {
      headers: [
        ['content-type', 'application/json'],
        ...Object.entries(signedHeaders(fixture.webhooks, orderBody())),
      ],
      chunks: [orderBody({ amount: 1 })],
    });

    expect(other.status).toBe(418);
    expect(other.json).toEqual({ handledBy: 'app' });
    expect(tampered.status).toBe(401);
    expect(tampered.json.error?.code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  it('applies its bodyLimit option', async () => {
    const fixture = createFixture();
    const url = await start((instance) =>
      instance.register(hookline, { webhooks: fixture.webhooks, bodyLimit: 50 }),
    );

    const response = await deliver(url, fixture);

    expect(response.status).toBe(413);
    expect(response.json.error?.code).toBe('HOOKLINE_BODY_TOO_LARGE');
  });

  it('answers GET with 405', async () => {
    const fixture = createFixture();
    const url = await start((instance) =>
      instance.register(hookline, { webhooks: fixture.webhooks }),
    );

    const response = await send(url, { method: 'GET', headers: [], contentLength: false });

    expect(response.status).toBe(405);
    expect(response.json.error?.code).toBe('HOOKLINE_METHOD_NOT_ALLOWED');
  });

  it('logs through request.log', async () => {
    const fixture = createFixture();
    const lines: { level: number; msg: string; code?: string }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')));
        done();
      },
    });
    app = Fastify({ logger: { level: 'debug', stream } });
    await app.register(hookline, { webhooks: fixture.webhooks });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const body = orderBody();
    const headers: [string, string][] = [
      ['content-type', 'application/json'],
      ...Object.entries(signedHeaders(fixture.webhooks, body, { id: 'msg_logged' })),
    ];

    await send(url, { headers, chunks: [body] });
    await send(url, { headers, chunks: [body] });
    await deliver(url, fixture, '/webhook', orderBody({ customer: 'fail' }));

    const messages = lines.map((line) => [line.level, line.msg]);
    expect(messages).toContainEqual([20, 'webhook handled']);
    expect(messages).toContainEqual([40, 'webhook duplicate dropped']);
    const failure = lines.find((line) => line.level === 50);
    expect(failure?.code).toBe('HOOKLINE_HANDLER_FAILED');
  });

  it('rejects a missing webhooks option at registration', async () => {
    app = Fastify();
    // @ts-expect-error: the option is required
    app.register(hookline, {});

    await expect(app.ready()).rejects.toThrow('`webhooks` is required');
  });
});
