import { loadPort, loadSecret } from '@hookline-examples/shared';
import { createApp } from './app.js';

const app = await createApp({ secret: loadSecret() });
const address = await app.listen({ port: loadPort(), host: '127.0.0.1' });
console.log(`Fastify example listening on ${address}/webhook`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
