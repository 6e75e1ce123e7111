import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';
import { type GitHubModules, generateGitHubModules } from './github.js';
import { generatedDir } from './helpers.js';

const require = createRequire(import.meta.url);

let githubModules: GitHubModules;

beforeAll(async () => {
  githubModules = await generateGitHubModules('types');
}, 60_000);

test('GitHub modules type-check under the strict tsconfig', async () => {
  // The repository's compiler options (strict, exactOptionalPropertyTypes, ...) without emit.
  const tsconfig = `${generatedDir}tsconfig.github.json`;
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../../../tsconfig.json',
      compilerOptions: {
        noEmit: true,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
      },
      files: [basename(githubModules.jsonSchema), basename(githubModules.openApi)],
    }),
  );
  const tsc = require.resolve('typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', tsconfig]).then(
    () => ({ status: 0, output: '' }),
    (error: { code: number; stdout: string }) => ({ status: error.code, output: error.stdout }),
  );
  expect(result.output).toBe('');
  expect(result.status).toBe(0);
}, 180_000);
