import { createProvidersApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const print = (line: string) => {
  console.log(line);
};

const app = createProvidersApp({ env: process.env, print });
const server = app.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  print(`listening on http://${host}:${bound}`);
});

process.on('SIGTERM', () => {
  server.close();
});
process.on('SIGINT', () => {
  server.close();
});
