import type { AddressInfo } from 'node:net';
import { loadPort, loadSecret } from '@hookline-examples/shared';
import { createApp } from './app.js';

const port = loadPort();
const app = createApp({ secret: loadSecret() });

// Express 5 passes a listen failure, such as a port in use, to this callback.
const server = app.listen(port, '127.0.0.1', (error?: Error) => {
  if (error !== undefined) throw error;
  const { port: actual } = server.address() as AddressInfo;
  console.log(`Express example listening on http://127.0.0.1:${actual}/webhook`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
