import { serve } from '@hono/node-server';
import { loadPort, loadSecret } from '@hookline-examples/shared';
import { createApp } from './app.js';

const app = createApp({ secret: loadSecret() });

const server = serve({ fetch: app.fetch, port: loadPort(), hostname: '127.0.0.1' }, (info) => {
  const { port } = info;
  console.log(`Hono example listening on http://127.0.0.1:${port}/webhook`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
