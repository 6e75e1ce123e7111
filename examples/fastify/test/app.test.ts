import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { checkExample, secret } from '../../shared/test/example-cases.js';
import { createApp } from '../src/app.js';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

it('receives, dedupes and rejects deliveries', async () => {
  const printed: string[] = [];
  app = await createApp({ secret, print: (line) => printed.push(line) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  await checkExample(`${address}/webhook`, printed);

  expect(printed).toHaveLength(2);
});
