// Measures @hookline/codegen on GitHub's catalogs: `npx tsx bench/codegen.ts [--runs=5]`.
// 1. Generation time for @octokit/webhooks-schemas and @octokit/openapi-webhooks.
// 2. `tsc --noEmit` time for a file that uses ten event types, once with the module generated
//    from the OpenAPI catalog and once with @octokit/openapi-webhooks-types.
// Prints medians with min and max; method and results are in bench/CODEGEN.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { generateFromFile } from '../packages/codegen/src/index.js';

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
// Inside node_modules so that the generated module resolves `zod` like a project would.
const workDir = new URL('../node_modules/.cache/hookline-codegen-bench/', import.meta.url);
const catalogs = {
  'webhooks-schemas': {
    path: require.resolve('@octokit/webhooks-schemas/schema.json'),
    options: { eventName: '^(.+)[_$]event$' },
  },
  'openapi-webhooks': {
    path: require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'),
    options: {},
  },
};
// Ten event types that a GitHub App commonly handles, with one field read from each.
const used: [key: string, field: string][] = [
  ['push', 'ref'],
  ['pull-request-opened', 'number'],
  ['issues-opened', 'issue'],
  ['issue-comment-created', 'comment'],
  ['check-run-completed', 'check_run'],
  ['workflow-run-completed', 'workflow_run'],
  ['release-published', 'release'],
  ['star-created', 'starred_at'],
  ['fork', 'forkee'],
  ['installation-created', 'installation'],
];

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const format = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return `median ${format(median)} (min ${format(sorted[0] ?? 0)}, max ${format(sorted.at(-1) ?? 0)}, n=${sorted.length})`;
}

async function timeGeneration(name: keyof typeof catalogs): Promise<string> {
  const { path, options } = catalogs[name];
  const samples: number[] = [];
  let code = '';
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    code = await generateFromFile(path, { ...options, source: `@octokit/${name}` });
    samples.push(performance.now() - start);
  }
  writeFileSync(new URL(`${name}.generated.ts`, workDir), code);
  const size = `${(Buffer.byteLength(code) / 1024 / 1024).toFixed(1)} MiB, ${code.split('\n').length} lines`;
  return `${summary(samples)}; output ${size}`;
}

function usageFiles(): void {
  const generated = [
    "import type { z } from 'zod';",
    "import type { events } from './openapi-webhooks.generated.js';",
    'type Data<K extends keyof typeof events> = z.output<(typeof events)[K]>;',
    ...used.map(
      ([key, field], index) =>
        `export const read${index} = (data: Data<'${key}'>) => data.${field};`,
    ),
  ];
  const octokit = [
    "import type { webhooks } from '@octokit/openapi-webhooks-types';",
    "type Data<K extends keyof webhooks> = webhooks[K]['post']['requestBody']['content']['application/json'];",
    ...used.map(
      ([key, field], index) =>
        `export const read${index} = (data: Data<'${key}'>) => data.${field};`,
    ),
  ];
  writeFileSync(new URL('use-generated.ts', workDir), `${generated.join('\n')}\n`);
  writeFileSync(new URL('use-octokit.ts', workDir), `${octokit.join('\n')}\n`);
  for (const file of ['use-generated.ts', 'use-octokit.ts']) {
    const config = {
      extends: '../../../tsconfig.json',
      compilerOptions: {
        noEmit: true,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        incremental: false,
      },
      files: [file],
    };
    writeFileSync(new URL(`tsconfig.${file}.json`, workDir), JSON.stringify(config));
  }
}

function timeTsc(file: string): string {
  const tsc = require.resolve('typescript/bin/tsc');
  const config = new URL(`tsconfig.${file}.json`, workDir).pathname;
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    execFileSync(process.execPath, [tsc, '-p', config], { stdio: 'inherit' });
    samples.push(performance.now() - start);
  }
  return summary(samples);
}

mkdirSync(workDir, { recursive: true });
console.log(
  `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${runs} runs each`,
);
console.log(`generate webhooks-schemas: ${await timeGeneration('webhooks-schemas')}`);
console.log(`generate openapi-webhooks: ${await timeGeneration('openapi-webhooks')}`);
usageFiles();
console.log(`tsc, ten events, generated module:            ${timeTsc('use-generated.ts')}`);
console.log(`tsc, ten events, @octokit/openapi-webhooks-types: ${timeTsc('use-octokit.ts')}`);
