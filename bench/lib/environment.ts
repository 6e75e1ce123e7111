import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine, runtime and library versions that a set of results came from. */
export interface Environment {
  date: string;
  node: string;
  v8: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** The 1, 5 and 15 minute load averages when the run started. */
  loadAverage: number[];
  versions: Record<string, string>;
  /** The checked-out commit, and the package files that differ from it (their dist is built). */
  commit: string;
  uncommittedPackageFiles: string[];
}

const libraries = [
  '@hookline/core',
  '@hookline/express',
  '@hookline/fastify',
  '@hookline/fetch',
  '@hookline/node',
  '@hookline/providers',
  'standardwebhooks',
  'svix',
  'stripe',
  '@octokit/webhooks',
  '@octokit/webhooks-methods',
  'zod',
  'express',
  'fastify',
  'hono',
  '@hono/node-server',
  'autocannon',
  'mitata',
];

const nodeModules = new URL('../../node_modules/', import.meta.url);

/**
 * Reads the version of an installed package from the root node_modules (not through `exports`,
 * which hides package.json in some packages), or returns `'not installed'`.
 */
export function packageVersion(name: string): string {
  try {
    const path = new URL(`${name}/package.json`, nodeModules);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function git(args: readonly string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Describes the machine and the library versions now. */
export function describeEnvironment(): Environment {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    versions: Object.fromEntries(libraries.map((name) => [name, packageVersion(name)])),
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommittedPackageFiles: git(['status', '--porcelain', '--', 'packages/*/src'])
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.slice(3)),
  };
}
