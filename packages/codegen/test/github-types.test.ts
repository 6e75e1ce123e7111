import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';
import { type GitHubModules, generateGitHubModules } from './github.js';
import { generatedDir } from './helpers.js';

const require = createRequire(import.meta.url);

let githubModules: GitHubModules;

beforeAll(async () => {
  githubModules = await generateGitHubModules('types');
}, 60_000);

test('GitHub modules type-check and emit declarations', async () => {
  // The repository's compiler options (strict, exactOptionalPropertyTypes, ...). Declarations
  // are emitted too, because a package that exports the module needs them.
  const tsconfig = `${generatedDir}tsconfig.github.json`;
  const outDir = mkdtempSync(join(tmpdir(), 'hookline-codegen-declarations-'));
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../../../tsconfig.json',
      compilerOptions: {
        emitDeclarationOnly: true,
        outDir,
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
  rmSync(outDir, { recursive: true, force: true });
  expect(result.output).toBe('');
  expect(result.status).toBe(0);
}, 180_000);
