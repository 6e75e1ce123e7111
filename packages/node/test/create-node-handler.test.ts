import { createServer } from 'node:http';
import { createWebhooks, standardWebhooks, type WebhookOutcome } from '@hookline/core';
import { createNodeHandler } from '@hookline/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, orderBody, signedHeaders } from '../../../test/adapters/fixtures.js';
import { send } from '../../../test/adapters/http-client.js';
import { listen, type Running } from '../../../test/adapters/servers.js';

let running: Running | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('createNodeHandler', () => {
  it('reports body read failures to onOutcome', async () => {
    const outcomes: WebhookOutcome[] = [];
    const webhooks = createWebhooks({
      scheme: standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
      bodyLimit: 16,
      hooks: { onOutcome: (outcome) => outcomes.push(outcome) },
    });
    running = await listen(createServer(createNodeHandler(webhooks)));

    const response = await send(running.url, { headers: [], chunks: ['x'.repeat(64)] });

    expect(response.status).toBe(413);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([413]);
    expect(outcomes[0]?.error?.code).toBe('HOOKLINE_BODY_TOO_LARGE');
  });

  it('passes the request URL to the scheme', async () => {
    const fixture = createFixture();
    const urls: (string | undefined)[] = [];
    fixture.webhooks.onAny((_event, context) => {
      urls.push(context.delivery.url);
    });
    running = await listen(createServer(createNodeHandler(fixture.webhooks)));
    const body = orderBody();
    const headers: [string, string][] = [
      ['content-type', 'application/json'],
      ...Object.entries(signedHeaders(fixture.webhooks, body)),
    ];

    await send(running.url, { path: '/webhook?source=test', headers, chunks: [body] });

    expect(urls).toEqual([`${running.url}/webhook?source=test`]);
  });

  it('answers GET with 405', async () => {
    const fixture = createFixture();
    running = await listen(createServer(createNodeHandler(fixture.webhooks)));

    const response = await send(running.url, { method: 'GET', headers: [], contentLength: false });

    expect(response.status).toBe(405);
    expect(response.json.error?.code).toBe('HOOKLINE_METHOD_NOT_ALLOWED');
  });

  it('rejects a body read before it', async () => {
    const fixture = createFixture();
    const handle = createNodeHandler(fixture.webhooks);
    running = await listen(
      createServer((req, res) => {
        req.resume();
        req.once('end', () => handle(req, res));
      }),
    );
    const body = orderBody();

    const response = await send(running.url, {
      headers: Object.entries(signedHeaders(fixture.webhooks, body)),
      chunks: [body],
    });

    expect(response.status).toBe(500);
    expect(response.json.error?.code).toBe('HOOKLINE_BODY_CONSUMED');
    expect(fixture.errors).toHaveLength(1);
  });

  it('rejects a bodyLimit that is not positive', () => {
    const { webhooks } = createFixture();

    expect(() => createNodeHandler(webhooks, { bodyLimit: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'HOOKLINE_INVALID_CONFIG' }),
    );
  });
});
