import type { HttpSummary } from '../http/run-http.js';
import type { StoreMemory, SustainedMemory } from '../memory/run-memory.js';
import type { MicroSummary } from '../micro/run-micro.js';
import type { Environment } from './environment.js';
import { formatBytes, formatNs, formatSpread, type Spread } from './stats.js';

/** Everything one run of the suite produced, reduced to medians and ratios. */
export interface Summary {
  mode: 'full' | 'quick';
  clock: 'cpu' | 'wall';
  environment: Environment;
  /** Load averages when the run finished. */
  loadAverageAfter: number[];
  micro?: MicroSummary[];
  http?: HttpSummary[];
  missingServers?: string[];
  store?: StoreMemory[];
  sustained?: SustainedMemory;
  /** Sections that threw, with the error message. */
  failures?: string[];
}

/** One target of the issue and whether the medians of this run meet it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

const sizeLabel = (size: number) => (size >= 1024 ? `${size / 1024} KiB` : `${size} B`);
const ratio = (value: Spread) => `${formatSpread(value)}×`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function microTables(micro: readonly MicroSummary[]): string {
  const sizes = [...new Set(micro.map((row) => row.size))];
  const groups = [...new Set(micro.map((row) => row.group))];
  const parts: string[] = [];
  for (const group of groups) {
    const names = [...new Set(micro.filter((row) => row.group === group).map((row) => row.name))];
    const find = (name: string, size: number) =>
      micro.find((row) => row.name === name && row.size === size);
    const rows = names.map((name) => [
      name,
      ...sizes.map((size) => {
        const row = find(name, size);
        return row === undefined
          ? '–'
          : `${formatNs(row.timeNs.median)} · ${ratio(row.vsBaseline)}`;
      }),
    ]);
    parts.push(`#### ${group}\n\nTime per call · ratio to the first row (median, range).\n`);
    parts.push(table(['candidate', ...sizes.map(sizeLabel)], rows));
    const libraries = names.filter((name) => find(name, sizes[0] as number)?.vsHookline);
    if (libraries.length > 0) {
      const libraryRows = libraries.map((name) => [
        name,
        find(name, sizes[0] as number)?.compareWith ?? '',
        ...sizes.map((size) => {
          const value = find(name, size)?.vsHookline;
          return value === undefined ? '–' : ratio(value);
        }),
      ]);
      parts.push(
        '\nLibrary time / the time of the hookline candidate doing the same work, in the same ' +
          'round (above 1: hookline is faster).\n',
      );
      parts.push(table(['library', 'compared with', ...sizes.map(sizeLabel)], libraryRows));
    }
    parts.push('');
  }
  const does = [...new Map(micro.map((row) => [row.name, row.does])).entries()];
  parts.push('What each candidate does per call:\n');
  parts.push(table(['candidate', 'work per call'], does));
  return parts.join('\n');
}

function httpTable(http: readonly HttpSummary[]): string {
  const rows = http.map((row) => [
    row.name,
    formatSpread(row.requestsPerSecond, 0),
    formatSpread(row.p99Ms, 0),
    formatSpread(row.serverCpuMicros, 0),
    row.vsHandWritten === undefined ? '–' : ratio(row.vsHandWritten),
    row.cpuVsHandWritten === undefined ? '–' : ratio(row.cpuVsHandWritten),
    row.vsOctokit === undefined ? '–' : ratio(row.vsOctokit),
    String(row.errors),
  ]);
  return table(
    [
      'server',
      'req/s',
      'p99 ms',
      'server CPU µs/req',
      'req/s × hand-written',
      'CPU/req × hand-written',
      'req/s × octokit',
      'non-2xx + errors',
    ],
    rows,
  );
}

function memoryTables(store: readonly StoreMemory[], sustained?: SustainedMemory): string {
  const parts = [
    table(
      ['remembered ids', 'heap growth', 'heap per id', 'RSS growth'],
      store.map((row) => [
        row.count.toLocaleString('en-US'),
        `${formatBytes(row.heapBytes.median)} (${formatBytes(row.heapBytes.min)}–${formatBytes(row.heapBytes.max)})`,
        `${row.heapBytesPerId} B`,
        `${formatBytes(row.rssBytes.median)} (${formatBytes(row.rssBytes.min)}–${formatBytes(row.rssBytes.max)})`,
      ]),
    ),
  ];
  if (sustained !== undefined) {
    const change = sustained.lastQuarterRss - sustained.secondQuarterRss;
    parts.push(
      '',
      table(
        ['server', 'seconds', 'requests', 'RSS 2nd quarter', 'RSS last quarter', 'change', 'max'],
        [
          [
            sustained.server,
            String(sustained.seconds),
            sustained.requests.toLocaleString('en-US'),
            formatBytes(sustained.secondQuarterRss),
            formatBytes(sustained.lastQuarterRss),
            formatBytes(change),
            formatBytes(sustained.maxRss),
          ],
        ],
      ),
    );
  }
  return parts.join('\n');
}

/** Compares the medians of a run with the targets of the benchmark issue. */
export function checkTargets(summary: Summary): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const row of summary.micro ?? []) {
    if (row.name === 'hookline standardWebhooks().verify') {
      const value = row.vsBaseline.median;
      checks.push({
        target: `verify-only ≤ 1.1× the floor at ${sizeLabel(row.size)}`,
        measured: `${value.toFixed(2)}×`,
        met: value <= 1.1,
      });
    }
    if (row.name === 'hookline createWebhooks().receive' && row.size === 1024) {
      const value = row.vsBaseline.median;
      checks.push({
        target: 'full receive ≤ 1.25× the floor pipeline at 1 KiB',
        measured: `${value.toFixed(2)}×`,
        met: value <= 1.25,
      });
    }
    if (row.vsHookline !== undefined) {
      const value = row.vsHookline.median;
      checks.push({
        target: `${row.compareWith ?? 'hookline'} faster than ${row.name} at ${sizeLabel(row.size)}`,
        measured: `library takes ${value.toFixed(2)}× as long`,
        met: value > 1,
      });
    }
  }
  for (const row of summary.http ?? []) {
    if (row.kind !== 'hookline') continue;
    if (row.vsHandWritten !== undefined) {
      checks.push({
        target: `${row.name} ≥ 0.9× its hand-written receiver`,
        measured: `${row.vsHandWritten.median.toFixed(2)}×`,
        met: row.vsHandWritten.median >= 0.9,
      });
    }
    if (row.vsOctokit !== undefined) {
      checks.push({
        target: `${row.name} faster than ${row.octokitServer ?? 'octokit'}`,
        measured: `${row.vsOctokit.median.toFixed(2)}×`,
        met: row.vsOctokit.median > 1,
      });
    }
  }
  return checks;
}

/** Renders a summary as the Markdown that bench/README.md quotes. */
export function renderMarkdown(summary: Summary): string {
  const env = summary.environment;
  const parts = [
    `### Run of ${env.date} (${summary.mode} mode, ${summary.clock} clock)`,
    '',
    `Node ${env.node} (V8 ${env.v8}), ${env.platform}, ${env.cpu} × ${env.cores} cores, ` +
      `${env.memoryGiB} GiB. Load average (1/5/15 min) ${env.loadAverage.join(' / ')} at the ` +
      `start and ${summary.loadAverageAfter.join(' / ')} at the end.`,
    '',
    `Commit ${env.commit}` +
      (env.uncommittedPackageFiles.length === 0
        ? '.'
        : `, with uncommitted changes in ${env.uncommittedPackageFiles.join(', ')}.`),
    '',
    `Versions: ${Object.entries(env.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    '',
  ];
  if ((summary.failures ?? []).length > 0) {
    parts.push(`Failed sections: ${(summary.failures ?? []).join('; ')}.`, '');
  }
  const checks = checkTargets(summary);
  if (checks.length > 0) {
    parts.push('#### Targets\n');
    parts.push(
      table(
        ['target', 'median', 'met'],
        checks.map((check) => [check.target, check.measured, check.met ? 'yes' : '**no**']),
      ),
      '',
    );
  }
  if (summary.micro !== undefined)
    parts.push('#### Micro benchmarks\n', microTables(summary.micro), '');
  if (summary.http !== undefined) {
    parts.push('#### HTTP, 1 KiB deliveries\n', httpTable(summary.http), '');
    if ((summary.missingServers ?? []).length > 0) {
      parts.push(`Not measured: ${(summary.missingServers ?? []).join('; ')}.`, '');
    }
  }
  if (summary.store !== undefined) {
    parts.push('#### Memory\n', memoryTables(summary.store, summary.sustained), '');
  }
  return parts.join('\n');
}
