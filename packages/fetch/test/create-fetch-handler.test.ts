import { createFetchHandler } from '@hookline/fetch';
import { describe, expect, it } from 'vitest';
import { createFixture, orderBody, signedHeaders } from '../../../test/adapters/fixtures.js';

function request(body: BodyInit, headers: Record<string, string>): Request {
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  };
  return new Request('http://127.0.0.1/webhook', init);
}

function streamOf(parts: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

describe('createFetchHandler', () => {
  it('handles a streamed body', async () => {
    const fixture = createFixture();
    const handle = createFetchHandler(fixture.webhooks);
    const body = orderBody();
    const headers = signedHeaders(fixture.webhooks, body);

    const response = await handle(request(streamOf([body.slice(0, 10), body.slice(10)]), headers));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'handled' });
    expect(fixture.seen).toHaveLength(1);
  });

  it('stops a stream without length at the limit', async () => {
    const fixture = createFixture();
    const handle = createFetchHandler(fixture.webhooks, { bodyLimit: 40 });
    const body = orderBody();

    const response = await handle(
      request(streamOf([body, body]), signedHeaders(fixture.webhooks, body)),
    );

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'HOOKLINE_BODY_TOO_LARGE' } });
  });

  it('rejects a body that was already read', async () => {
    const fixture = createFixture();
    const handle = createFetchHandler(fixture.webhooks);
    const body = orderBody();
    const used = request(body, signedHeaders(fixture.webhooks, body));
    await used.text();

    const response = await handle(used);

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'HOOKLINE_BODY_CONSUMED' } });
    expect(fixture.errors).toHaveLength(1);
  });

  it('passes the request URL to the scheme', async () => {
    const fixture = createFixture();
    const urls: (string | undefined)[] = [];
    fixture.webhooks.onAny((_event, context) => {
      urls.push(context.delivery.url);
    });
    const handle = createFetchHandler(fixture.webhooks);
    const body = orderBody();

    await handle(request(body, signedHeaders(fixture.webhooks, body)));

    expect(urls).toEqual(['http://127.0.0.1/webhook']);
  });

  it('rejects a bodyLimit that is not positive', () => {
    const { webhooks } = createFixture();

    expect(() => createFetchHandler(webhooks, { bodyLimit: -1 })).toThrow(
      expect.objectContaining({ code: 'HOOKLINE_INVALID_CONFIG' }),
    );
  });
});
