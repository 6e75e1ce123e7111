import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { checkExample, secret } from '../../shared/test/example-cases.js';
import { createApp } from '../src/app.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  if (server !== undefined) await once(server, 'close');
  server = undefined;
});

it('receives, dedupes and rejects deliveries', async () => {
  const printed: string[] = [];
  server = createApp({ secret, print: (line) => printed.push(line) }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  await checkExample(`http://127.0.0.1:${port}/webhook`, printed);

  expect(printed).toHaveLength(2);
});
