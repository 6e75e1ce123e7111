import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { type WebhookRequest, webhookMiddleware } from '@hookline/express';
import express from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFixture,
  type Fixture,
  orderBody,
  signedHeaders,
} from '../../../test/adapters/fixtures.js';
import { type RawResponse, send } from '../../../test/adapters/http-client.js';
import { listen, type Running } from '../../../test/adapters/servers.js';

type Mount = (app: express.Express, create: typeof express, fixture: Fixture) => void;

const versions = [
  { name: 'express 5', create: express },
  { name: 'express 4', create: express4 },
];

describe.each(versions)('webhookMiddleware on $name', ({ create }) => {
  let running: Running | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  async function deliver(
    mount: Mount,
    options: { contentType?: string; body?: string; gzip?: boolean } = {},
  ): Promise<{ response: RawResponse; fixture: Fixture }> {
    const fixture = createFixture();
    const app = create();
    mount(app, create, fixture);
    running = await listen(createServer(app));
    const body = options.body ?? orderBody();
    const headers: [string, string][] = [
      ['content-type', options.contentType ?? 'application/json'],
      ...Object.entries(signedHeaders(fixture.webhooks, body)),
    ];
    if (options.gzip === true) headers.push(['content-encoding', 'gzip']);
    const chunks = [options.gzip === true ? gzipSync(body) : body];
    const response = await send(running.url, { headers, chunks });
    return { response, fixture };
  }

  it('rejects a body consumed by express.json()', async () => {
    const { response, fixture } = await deliver((app, create, { webhooks }) => {
      app.use(create.json());
      app.post('/webhook', webhookMiddleware(webhooks));
    });

    expect(response.status).toBe(500);
    expect(response.json.error?.code).toBe('HOOKLINE_BODY_CONSUMED');
    expect(fixture.seen).toHaveLength(0);
    expect(fixture.errors).toHaveLength(1);
    expect(fixture.errors[0]).toContain('mount the webhook route before express.json()');
  });

  it('rejects a body consumed by express.urlencoded()', async () => {
    const { response, fixture } = await deliver(
      (app, create, { webhooks }) => {
        app.use(create.urlencoded({ extended: false }));
        app.post('/webhook', webhookMiddleware(webhooks));
      },
      { contentType: 'application/x-www-form-urlencoded', body: 'event_type=order_created' },
    );

    expect(response.status).toBe(500);
    expect(response.json.error?.code).toBe('HOOKLINE_BODY_CONSUMED');
    expect(fixture.errors).toHaveLength(1);
  });

  it('reads the stream when express.json() skipped the content type', async () => {
    const { response, fixture } = await deliver(
      (app, create, { webhooks }) => {
        app.use(create.json());
        app.post('/webhook', webhookMiddleware(webhooks));
      },
      { contentType: 'text/plain' },
    );

    expect(response.status).toBe(200);
    expect(response.json.status).toBe('handled');
    expect(fixture.seen).toHaveLength(1);
  });

  it('uses the Buffer left by express.raw()', async () => {
    const { response, fixture } = await deliver((app, create, { webhooks }) => {
      app.use(create.raw({ type: '*/*' }));
      app.post('/webhook', webhookMiddleware(webhooks));
    });

    expect(response.status).toBe(200);
    expect(fixture.seen).toHaveLength(1);
  });

  it('uses the body express.raw() inflated from gzip', async () => {
    const { response, fixture } = await deliver(
      (app, create, { webhooks }) => {
        app.use(create.raw({ type: '*/*' }));
        app.post('/webhook', webhookMiddleware(webhooks));
      },
      { gzip: true },
    );

    expect(response.status).toBe(200);
    expect(fixture.seen).toHaveLength(1);
  });

  it('uses req.rawBody stored by a verify hook', async () => {
    const { response, fixture } = await deliver((app, create, { webhooks }) => {
      const verify = (req: WebhookRequest, _res: unknown, buffer: Buffer) => {
        req.rawBody = buffer;
      };
      app.use(create.json({ verify }));
      app.post('/webhook', webhookMiddleware(webhooks));
    });

    expect(response.status).toBe(200);
    expect(fixture.seen).toHaveLength(1);
  });

  it('uses a req.rawBody string', async () => {
    const { response, fixture } = await deliver((app, create, { webhooks }) => {
      const verify = (req: WebhookRequest, _res: unknown, buffer: Buffer) => {
        req.rawBody = buffer.toString('utf8');
      };
      app.use(create.json({ verify }));
      app.post('/webhook', webhookMiddleware(webhooks));
    });

    expect(response.status).toBe(200);
    expect(fixture.seen).toHaveLength(1);
  });

  it('uses the string left by express.text()', async () => {
    const { response, fixture } = await deliver((app, create, { webhooks }) => {
      app.use(create.text({ type: '*/*' }));
      app.post('/webhook', webhookMiddleware(webhooks));
    });

    expect(response.status).toBe(200);
    expect(fixture.seen).toHaveLength(1);
  });

  it('applies its own limit below the receiver limit', async () => {
    const { response, fixture } = await deliver((app, _create, { webhooks }) => {
      app.post('/webhook', webhookMiddleware(webhooks, { limit: 50 }));
    });

    expect(response.status).toBe(413);
    expect(response.json.error?.code).toBe('HOOKLINE_BODY_TOO_LARGE');
    expect(fixture.seen).toHaveLength(0);
  });

  it('applies its limit to a stored raw body', async () => {
    const { response } = await deliver((app, create, { webhooks }) => {
      app.use(create.raw({ type: '*/*' }));
      app.post('/webhook', webhookMiddleware(webhooks, { limit: 50 }));
    });

    expect(response.status).toBe(413);
    expect(response.json.error?.code).toBe('HOOKLINE_BODY_TOO_LARGE');
  });
});

describe('webhookMiddleware options', () => {
  it('rejects a limit that is not positive', () => {
    const { webhooks } = createFixture();

    expect(() => webhookMiddleware(webhooks, { limit: 0 })).toThrow(
      expect.objectContaining({ code: 'HOOKLINE_INVALID_CONFIG' }),
    );
  });
});
