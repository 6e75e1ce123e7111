import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const demoPath = fileURLToPath(new URL('../src/demo.ts', import.meta.url));

// The demo and the example it starts import the built packages, so this needs `npm run build`.
it('runs the demo with every outcome as expected', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', demoPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });

  const [code] = (await once(child, 'exit')) as [number | null];

  expect(output).toContain('All outcomes as expected.');
  expect(output).not.toContain('UNEXPECTED');
  expect(output).toContain('HOOKLINE_BODY_TOO_LARGE');
  expect(code).toBe(0);
});
