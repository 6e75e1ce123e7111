import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, orderBody, signedHeaders } from './fixtures.js';
import { send } from './http-client.js';
import { adapters, type Running } from './servers.js';

/** Sends the head and the first part of a body, then closes the connection. */
async function abortUpload(url: string, headers: Record<string, string>, part: Buffer) {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`POST /webhook HTTP/1.1\r\nhost: 127.0.0.1\r\n${head}content-length: 2000\r\n\r\n`);
  socket.write(part);
  await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.each(adapters)('$name adapter', (adapter) => {
  let running: Running | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it.each([
    { encoding: undefined, part: Buffer.from(orderBody().slice(0, 30)) },
    { encoding: 'gzip', part: gzipSync(orderBody()).subarray(0, 30) },
  ])('survives an aborted upload ($encoding)', async ({ encoding, part }) => {
    const fixture = createFixture();
    running = await adapter.start(fixture.webhooks);
    const headers = signedHeaders(fixture.webhooks, orderBody());
    if (encoding !== undefined) headers['content-encoding'] = encoding;

    await abortUpload(running.url, headers, part);
    const body = orderBody();
    const after = await send(running.url, {
      headers: Object.entries(signedHeaders(fixture.webhooks, body)),
      chunks: [body],
    });

    expect(fixture.seen).toHaveLength(1);
    expect(after.status).toBe(200);
    expect(fixture.errors).toEqual([]);
    // Fastify logs through request.log instead of the receiver's logger.
    if (adapter.name !== 'fastify') expect(fixture.debugCodes).toEqual(['HOOKLINE_INVALID_BODY']);
  });
});
