// Starts the Express example as a child process on a free loopback port, sends it real signed
// deliveries over HTTP, prints what happened, and exits with 1 if any outcome is unexpected.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type DemoStep, demoSteps } from './demo-steps.js';

interface Row {
  step: DemoStep;
  status: number;
  code: string;
  seen: string;
  ok: boolean;
}

const serverPath = fileURLToPath(new URL('./server.ts', import.meta.url));
const lines: string[] = [];
let lineAdded: () => void = () => {};
let exited = false;

function startExample(secret: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', serverPath], {
    env: { ...process.env, PORT: '0', WEBHOOK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.once('exit', () => {
    exited = true;
    lineAdded();
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    lineAdded();
  });
  return child;
}

/** Waits until a printed line matches `pattern`, `timeoutMs` passes or the example exits. */
async function waitForLine(pattern: RegExp, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = lines.find((line) => pattern.test(line));
    if (found !== undefined || Date.now() >= deadline || exited) return found;
    await new Promise<void>((resolve) => {
      lineAdded = resolve;
      setTimeout(resolve, 25);
    });
  }
}

async function send(url: string, step: DemoStep): Promise<Row> {
  const response = await fetch(url, { method: 'POST', headers: step.headers, body: step.body });
  const reply = (await response.json()) as { status?: string; error?: { code: string } };
  const code = reply.error?.code ?? reply.status ?? '';
  // The handler prints before the reply is sent, but the line may reach this process later.
  const printed = await waitForLine(new RegExp(` ${step.id} `), step.handled ? 2000 : 100);
  const seen = printed ?? '-';
  lines.splice(0, lines.length);
  const ok = response.status === step.status && code === step.code && step.handled === !!printed;
  return { step, status: response.status, code, seen, ok };
}

function printTable(rows: readonly Row[]): void {
  const header = ['sent', 'status', 'reply', 'handler saw', 'check'];
  const cells = rows.map((row) => [
    row.step.label,
    String(row.status),
    row.code,
    row.seen,
    row.ok ? 'ok' : `UNEXPECTED, wanted ${row.step.status} ${row.step.code}`,
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...cells].map((c) => c[i]?.length ?? 0)),
  );
  const format = (cellsOfRow: string[]) =>
    cellsOfRow
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const row of cells) console.log(format(row));
}

async function main(): Promise<number> {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const child = startExample(secret);
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  try {
    const listening = await waitForLine(/listening on (http\S+)/, 15_000);
    const url = listening?.match(/listening on (http\S+)/)?.[1];
    if (url === undefined) {
      throw new Error('the Express example exited or did not start within 15 s; see its output');
    }
    lines.splice(0, lines.length);
    console.log(`Express example started on ${url}\n`);

    const rows: Row[] = [];
    for (const step of demoSteps(secret)) rows.push(await send(url, step));
    printTable(rows);

    const failed = rows.filter((row) => !row.ok).length;
    console.log(
      failed === 0 ? '\nAll outcomes as expected.' : `\n${failed} unexpected outcome(s).`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('demo failed:', error);
    process.exitCode = 1;
  },
);
