/**
 * The demo signing secret, used when `WEBHOOK_SECRET` is unset. It is public, so it only suits
 * local testing: anyone can sign deliveries with it.
 */
export const demoSecret = 'whsec_aG9va2xpbmUgZGVtbyBzZWNyZXQ6IG5vdCBmb3IgcHJvZHVjdGlvbg==';

/**
 * Returns `WEBHOOK_SECRET` from `env`, or the demo secret after printing a warning that says so.
 */
export function loadSecret(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): string {
  const secret = env.WEBHOOK_SECRET;
  if (secret !== undefined && secret !== '') return secret;
  print(`WEBHOOK_SECRET is not set; using the public demo secret ${demoSecret}`);
  return demoSecret;
}

/**
 * Returns the port from `PORT`, 3000 when unset.
 * @throws {Error} when `PORT` is not an integer from 0 to 65535.
 */
export function loadPort(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.PORT ?? '3000';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}
