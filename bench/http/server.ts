// Child process entry: starts one benchmark server by name and prints its port as JSON.
import { httpServers } from './servers.js';

const name = process.argv[2];
const definition = httpServers.find((server) => server.name === name);
if (definition === undefined) {
  process.stderr.write(`unknown server "${name ?? ''}"\n`);
  process.exit(2);
}
const { port } = await definition.start();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.on('SIGTERM', () => process.exit(0));
