import { createProvidersApp } from './app.js';

const port = readPort(process.env.PORT);
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

function readPort(text: string | undefined): number {
  const port = Number(text === undefined || text === '' ? 3000 : text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`PORT must be an integer from 0 to 65535, got "${text}"`);
    process.exit(1);
  }
  return port;
}
