import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { makePayload, nowSeconds, signGithub, signStandard, tamper } from '../lib/deliveries.js';
import { type Spread, spread } from '../lib/stats.js';
import { type DeliveryFormat, httpServers, type ServerDefinition, webhookPath } from './servers.js';

/** Settings of one HTTP benchmark run. */
export interface HttpOptions {
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  log?: (line: string) => void;
}

/** One autocannon run against one freshly started server. */
export interface HttpSample {
  round: number;
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  /** The server process's CPU time (user + system) per request, in microseconds. */
  serverCpuMicros: number;
  errors: number;
}

/** A running benchmark server in its own process. */
export interface RunningServer {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

const serverEntry = fileURLToPath(new URL('./server.ts', import.meta.url));
const body = makePayload(1024);

/**
 * Starts `definition` in a child process and waits for it to print its port.
 * @throws Error when the child exits or stays silent for 30 s.
 */
export function startServer(definition: ServerDefinition): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry, definition.name], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let errorText = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errorText += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${definition.name} did not start within 30 s: ${errorText}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${definition.name} exited with code ${String(code)}: ${errorText}`));
    });
    child.stdout?.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      const { port } = JSON.parse(chunk.toString()) as { port: number };
      resolve({ pid: child.pid as number, port, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Builds signed headers for the next delivery: every call gets a new delivery id. */
export function createSigner(format: DeliveryFormat): () => Record<string, string> {
  let count = 0;
  const prefix = `msg_${process.pid.toString(36)}_${Date.now().toString(36)}_`;
  return () => {
    const id = `${prefix}${(count++).toString(36)}`;
    const signed =
      format === 'github' ? signGithub(id, body) : signStandard(id, nowSeconds(), body);
    return { 'content-type': 'application/json', ...signed };
  };
}

/**
 * Sends one valid and one tampered delivery and checks the status codes, so a server that accepts
 * everything cannot take part.
 * @throws Error naming the server and the status it sent.
 */
export async function checkServer(definition: ServerDefinition, port: number): Promise<void> {
  const url = `http://127.0.0.1:${port}${webhookPath}`;
  const headers = createSigner(definition.format)();
  const valid = await fetch(url, { method: 'POST', headers, body: body.toString() });
  await valid.arrayBuffer();
  const tampered = await fetch(url, { method: 'POST', headers, body: tamper(body).toString() });
  await tampered.arrayBuffer();
  const expectsReject = definition.kind !== 'ceiling';
  if (valid.status !== 200 || (expectsReject && tampered.status < 400)) {
    throw new Error(
      `${definition.name}: valid delivery got ${valid.status}, tampered got ${tampered.status}`,
    );
  }
}

/** Runs autocannon against a server with a newly signed 1 KiB delivery per request. */
export function load(
  port: number,
  format: DeliveryFormat,
  seconds: number,
  connections: number,
): Promise<Result> {
  const sign = createSigner(format);
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: webhookPath,
        body,
        setupRequest: (request) => ({ ...request, headers: sign() }),
      },
    ],
  });
}

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** Returns the CPU time (user + system) a process used so far in microseconds, from /proc. */
export function cpuMicros(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat, counted after the parenthesised command name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / ticksPerSecond;
}

/** Returns the resident set size of a process in bytes, read from /proc (Linux only). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match === null ? Number.NaN : Number(match[1]) * 1024;
}

/** Checks whether a server's packages load; hookline adapters may not be built yet. */
async function isAvailable(definition: ServerDefinition): Promise<boolean> {
  if (definition.requires === undefined) return true;
  try {
    await import(definition.requires);
    return true;
  } catch {
    return false;
  }
}

async function measureServer(
  definition: ServerDefinition,
  round: number,
  options: HttpOptions,
): Promise<HttpSample> {
  const server = await startServer(definition);
  try {
    await checkServer(definition, server.port);
    const { format } = definition;
    await load(server.port, format, options.warmupSeconds, options.connections);
    const cpuBefore = cpuMicros(server.pid);
    const result = await load(server.port, format, options.durationSeconds, options.connections);
    const cpuUsed = cpuMicros(server.pid) - cpuBefore;
    return {
      round,
      name: definition.name,
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      p50Ms: result.latency.p50,
      serverCpuMicros: cpuUsed / result.requests.total,
      errors: result.errors + result.timeouts + result.non2xx,
    };
  } finally {
    await server.stop();
  }
}

/**
 * Runs every available server for several rounds, each in a fresh process, one at a time. The
 * order reverses every other round so neither a baseline nor its challenger always goes first.
 */
export async function runHttp(
  options: HttpOptions,
): Promise<{ samples: HttpSample[]; missing: string[] }> {
  const log = options.log ?? (() => undefined);
  const available: ServerDefinition[] = [];
  const missing: string[] = [];
  for (const definition of httpServers) {
    if (await isAvailable(definition)) available.push(definition);
    else missing.push(`${definition.name} (${definition.requires ?? ''} does not load)`);
  }
  const samples: HttpSample[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? available : [...available].reverse();
    for (const definition of order) {
      let sample: HttpSample;
      try {
        sample = await measureServer(definition, round, options);
      } catch (error) {
        // A server that fails its check or crashes drops out of this round, and the summary
        // lists it, so one broken adapter does not discard the other measurements.
        const reason = error instanceof Error ? error.message : String(error);
        missing.push(`${definition.name} in round ${round + 1} (${reason.slice(0, 200)})`);
        log(`http: round ${round + 1}/${options.rounds} ${definition.name} failed: ${reason}`);
        continue;
      }
      samples.push(sample);
      log(
        `http: round ${round + 1}/${options.rounds} ${definition.name}: ` +
          `${sample.requestsPerSecond.toFixed(0)} req/s, p99 ${sample.p99Ms} ms, ` +
          `server CPU ${sample.serverCpuMicros.toFixed(0)} µs/request`,
      );
    }
  }
  return { samples, missing };
}

/** One server over every round, with its ratios to the baselines of the same rounds. */
export interface HttpSummary {
  name: string;
  framework: string;
  kind: string;
  requestsPerSecond: Spread;
  p99Ms: Spread;
  serverCpuMicros: Spread;
  /** Requests per second / the hand-written receiver's on the same framework. */
  vsHandWritten?: Spread;
  /** Server CPU per request / the hand-written receiver's on the same framework. */
  cpuVsHandWritten?: Spread;
  /** The octokit server compared with: the same framework's, else node:http's. */
  octokitServer?: string;
  /** Requests per second / that octokit server's. */
  vsOctokit?: Spread;
  errors: number;
}

/**
 * Divides `pick` of server `name` by `pick` of server `baseline` in every round that measured
 * both, or returns undefined when no round did.
 */
function ratioByRound(
  samples: readonly HttpSample[],
  name: string,
  baseline: string,
  pick: (sample: HttpSample) => number,
): Spread | undefined {
  const ratios: number[] = [];
  for (const sample of samples) {
    if (sample.name !== name) continue;
    const other = samples.find((item) => item.name === baseline && item.round === sample.round);
    if (other !== undefined) ratios.push(pick(sample) / pick(other));
  }
  return ratios.length === 0 ? undefined : spread(ratios);
}

const rate = (sample: HttpSample) => sample.requestsPerSecond;
const cpu = (sample: HttpSample) => sample.serverCpuMicros;

/** Reduces the samples to one summary per server. */
export function summarizeHttp(samples: readonly HttpSample[]): HttpSummary[] {
  const octokitServers = httpServers.filter((server) => server.kind === 'octokit');
  const octokitOf = (framework: string) =>
    octokitServers.find((server) => server.framework === framework) ??
    octokitServers.find((server) => server.framework === 'node:http');
  const summaries: HttpSummary[] = [];
  for (const definition of httpServers) {
    const own = samples.filter((sample) => sample.name === definition.name);
    if (own.length === 0) continue;
    const summary: HttpSummary = {
      name: definition.name,
      framework: definition.framework,
      kind: definition.kind,
      requestsPerSecond: spread(own.map(rate)),
      p99Ms: spread(own.map((sample) => sample.p99Ms)),
      serverCpuMicros: spread(own.map(cpu)),
      errors: own.reduce((total, sample) => total + sample.errors, 0),
    };
    const handWritten = httpServers.find(
      (other) => other.framework === definition.framework && other.kind === 'hand-written',
    );
    if (handWritten !== undefined && definition.kind !== 'hand-written') {
      const ratio = ratioByRound(samples, definition.name, handWritten.name, rate);
      const cpuRatio = ratioByRound(samples, definition.name, handWritten.name, cpu);
      if (ratio !== undefined) summary.vsHandWritten = ratio;
      if (cpuRatio !== undefined) summary.cpuVsHandWritten = cpuRatio;
    }
    const octokit = octokitOf(definition.framework);
    if (octokit !== undefined && definition.kind === 'hookline') {
      const ratio = ratioByRound(samples, definition.name, octokit.name, rate);
      if (ratio !== undefined) {
        summary.octokitServer = octokit.name;
        summary.vsOctokit = ratio;
      }
    }
    summaries.push(summary);
  }
  return summaries;
}
