// Starts receiver processes and sends them signed deliveries over HTTP on 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { standardWebhooks } from '@hookline/core';
import { type TestOrder, testSecret } from './order.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const receiverPath = fileURLToPath(new URL('./receiver.ts', import.meta.url));
const scheme = standardWebhooks({ secret: testSecret });

/** A running receiver process. */
export interface Receiver {
  child: ChildProcess;
  port: number;
  /** Sends SIGKILL and waits for the process to exit. */
  kill(): Promise<void>;
}

/** Starts a receiver with `env` added to this process's environment; resolves once it listens. */
export async function startReceiver(env: Record<string, string>): Promise<Receiver> {
  const child = spawn(process.execPath, ['--import', 'tsx', receiverPath], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.check.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    port,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The reply to one delivery. */
export interface Reply {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** Signs and posts an `order.created` event with event id `id` to a receiver. */
export async function deliver(port: number, id: string, order: TestOrder = {}): Promise<Reply> {
  const body = JSON.stringify({
    type: 'order.created',
    timestamp: new Date().toISOString(),
    data: order,
  });
  const response = await fetch(`http://127.0.0.1:${port}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...scheme.sign({ body, id }) },
    body,
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

/** Counts `start` and `done` lines per event id in a run log. */
export function countRuns(runLog: string): Map<string, { start: number; done: number }> {
  const counts = new Map<string, { start: number; done: number }>();
  for (const line of readFileSync(runLog, 'utf8').split('\n')) {
    const [kind, id] = line.split(' ');
    if (id === undefined || (kind !== 'start' && kind !== 'done')) continue;
    const count = counts.get(id) ?? { start: 0, done: 0 };
    count[kind] += 1;
    counts.set(id, count);
  }
  return counts;
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address !== 'object') throw new Error('no port assigned');
  return address.port;
}
