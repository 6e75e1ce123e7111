// A private redis-server on a loopback port, so a test can stop and restart it without touching
// the shared server on 6379.
import { type ChildProcess, spawn } from 'node:child_process';

/** A redis-server process started by a test. */
export interface RedisServer {
  port: number;
  url: string;
  /** Sends SIGTERM to this server's PID and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts redis-server on `port`. With `persistent`, its append-only file in `folder` is synced
 * on every write, so the keys written before a stop are there after a restart on that folder.
 * Without it, nothing is written to disk. With `cluster`, the server starts as a Cluster node.
 */
export async function startRedisServer(
  port: number,
  folder: string,
  { persistent = true, cluster = false } = {},
): Promise<RedisServer> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', folder];
  if (persistent) args.push('--appendonly', 'yes', '--appendfsync', 'always');
  else args.push('--appendonly', 'no');
  if (cluster) {
    args.push('--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`);
  }
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForReady(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
}
