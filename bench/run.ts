// Runs the benchmark suite: `npm run bench` (full) or `npm run bench -- --quick`.
// Options: --quick, --only=micro,http,memory, --wall-clock. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runHttp, summarizeHttp } from './http/run-http.js';
import { describeEnvironment } from './lib/environment.js';
import { checkTargets, renderMarkdown, type Summary } from './lib/report.js';
import { measureStore, measureSustained } from './memory/run-memory.js';
import { runMicro, summarizeMicro } from './micro/run-micro.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'micro,http,memory' },
    'wall-clock': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const sections = new Set(values.only.split(','));
const settings = quick
  ? {
      micro: { rounds: 3, timePerCandidateMs: 30, batchSize: 512 },
      http: { rounds: 1, durationSeconds: 2, warmupSeconds: 1, connections: 10 },
      store: { counts: [100_000, 1_000_000], runs: 1 },
      sustainedSeconds: 8,
    }
  : {
      micro: { rounds: 5, timePerCandidateMs: 500, batchSize: 4096 },
      http: { rounds: 5, durationSeconds: 8, warmupSeconds: 2, connections: 10 },
      store: { counts: [100_000, 1_000_000], runs: 3 },
      sustainedSeconds: 60,
    };

const started = Date.now();
const log = (line: string) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${seconds} s] ${line}\n`);
};
const clock = values['wall-clock'] ? 'wall' : 'cpu';
const summary: Summary = {
  mode: quick ? 'quick' : 'full',
  clock,
  environment: describeEnvironment(),
  loadAverageAfter: [],
};
const raw: Record<string, unknown> = { settings };

const failures: string[] = [];

// A failing section is logged and skipped, so the others still produce results.
async function section(name: string, run: () => Promise<void>): Promise<void> {
  if (!sections.has(name)) return;
  try {
    await run();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    log(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
await section('micro', async () => {
  const samples = await runMicro({ ...settings.micro, clock, log });
  raw.micro = samples;
  summary.micro = summarizeMicro(samples);
});
await section('http', async () => {
  const { samples, missing } = await runHttp({ ...settings.http, log });
  raw.http = samples;
  summary.http = summarizeHttp(samples);
  summary.missingServers = missing;
});
await section('memory', async () => {
  summary.store = await measureStore(settings.store.counts, settings.store.runs);
  log('memory: store filled');
  summary.sustained = await measureSustained(settings.sustainedSeconds, settings.http.connections);
  log('memory: sustained load done');
});
summary.failures = failures;
summary.loadAverageAfter = os.loadavg().map((value) => Math.round(value * 100) / 100);

const stamp = summary.environment.date.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  new URL(`${stamp}-${summary.mode}.raw.json`, resultsDir),
  `${JSON.stringify({ summary, raw }, null, 2)}\n`,
);
const markdown = renderMarkdown(summary);
// Only a full run of every section replaces the committed results.
if (!quick && sections.size === 3) {
  writeFileSync(new URL('suite-summary.json', resultsDir), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(new URL('suite-results.md', resultsDir), `${markdown}\n`);
}
process.stdout.write(`${markdown}\n`);
const missed = checkTargets(summary).filter((check) => !check.met).length;
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; ${missed} target(s) missed`);
