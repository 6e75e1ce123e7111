import { Buffer } from 'node:buffer';
import { type ClientRequest, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** A request to send: headers as pairs, so a header can repeat, and the body in chunks. */
export interface RawRequest {
  method?: string;
  path?: string;
  headers: readonly (readonly [string, string])[];
  chunks?: readonly (string | Uint8Array)[];
  /** Pause between chunks, in milliseconds; without it all chunks go out at once. */
  delayMs?: number;
  /** Adds a Content-Length header for the chunks; otherwise they go out chunked. */
  contentLength?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: { status?: string; error?: { code: string; message: string } } & Record<string, unknown>;
}

/** Sends one request on a fresh connection and collects the response. */
export function send(base: string, input: RawRequest): Promise<RawResponse> {
  const chunks = (input.chunks ?? []).map((chunk) => Buffer.from(chunk));
  // A repeated header becomes an array, which Node sends as one line per value.
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of input.headers) {
    const previous = headers[name];
    headers[name] = previous === undefined ? value : [previous, value].flat();
  }
  if (input.contentLength ?? true) {
    headers['content-length'] = String(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  }
  return new Promise((resolve, reject) => {
    const url = new URL(input.path ?? '/webhook', base);
    const req = request(url, { method: input.method ?? 'POST', headers, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parse(text) });
      });
    });
    void writeChunks(req, chunks, input.delayMs);
  });
}

async function writeChunks(
  req: ClientRequest,
  chunks: readonly Buffer[],
  delayMs: number | undefined,
): Promise<void> {
  for (const chunk of chunks) {
    if (req.destroyed) return;
    req.write(chunk);
    if (delayMs !== undefined) await sleep(delayMs);
  }
  req.end();
}

function parse(text: string): RawResponse['json'] {
  try {
    return JSON.parse(text) as RawResponse['json'];
  } catch {
    return {};
  }
}
