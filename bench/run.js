// `npm run bench` entry: runs the TypeScript suite in bench/run.ts under tsx, passing the
// arguments through (`npm run bench -- --quick`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const suite = fileURLToPath(new URL('./run.ts', import.meta.url));
const result = spawnSync(process.execPath, ['--import', 'tsx', suite, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
