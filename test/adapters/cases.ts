import { Buffer } from 'node:buffer';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { bodyLimit, type Fixture, orderBody, signedHeaders } from './fixtures.js';
import { type RawRequest, type RawResponse, send } from './http-client.js';

/** What one response must be. */
export interface Expected {
  status: number;
  /** The error code in the body, or the `status` field of a 200 body. */
  code: string;
}

/** One end-to-end case that every adapter must pass the same way. */
export interface AdapterCase {
  name: string;
  /** Sends the requests of the case and returns the responses in the order expected. */
  run: (url: string, fixture: Fixture) => Promise<RawResponse[]>;
  expected: readonly Expected[];
  /** How many times the handler ran. */
  handled: number;
  /** Extra checks on what the handler saw. */
  check?: (fixture: Fixture, responses: RawResponse[]) => void;
}

const json = ['content-type', 'application/json'] as const;

function pairs(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers);
}

/** A signed delivery of `body`; `sentBody` replaces what goes on the wire. */
function signed(
  fixture: Fixture,
  body: string | Uint8Array,
  options: { offsetSeconds?: number; id?: string; sentBody?: string | Uint8Array } = {},
): RawRequest {
  return {
    headers: [json, ...pairs(signedHeaders(fixture.webhooks, body, options))],
    chunks: [options.sentBody ?? body],
  };
}

function one(request: (fixture: Fixture) => RawRequest): AdapterCase['run'] {
  return async (url, fixture) => [await send(url, request(fixture))];
}

function encoded(
  encoding: string,
  compress: (input: Buffer) => Buffer,
  body = orderBody(),
): (fixture: Fixture) => RawRequest {
  return (fixture) => {
    const request = signed(fixture, body, { sentBody: compress(Buffer.from(body)) });
    return { ...request, headers: [...request.headers, ['content-encoding', encoding]] };
  };
}

const handled = { status: 200, code: 'handled' } as const;

export const cases: readonly AdapterCase[] = [
  {
    name: 'valid delivery',
    run: one((fixture) => signed(fixture, orderBody())),
    expected: [handled],
    handled: 1,
    check: (fixture) => {
      const event = fixture.seen[0];
      if (event?.type !== 'order_created') throw new Error('handler saw no order_created');
    },
  },
  {
    name: 'tampered body',
    run: one((fixture) => signed(fixture, orderBody(), { sentBody: orderBody({ amount: 1 }) })),
    expected: [{ status: 401, code: 'HOOKLINE_SIGNATURE_MISMATCH' }],
    handled: 0,
  },
  {
    name: 'stale timestamp',
    run: one((fixture) => signed(fixture, orderBody(), { offsetSeconds: -600 })),
    expected: [{ status: 401, code: 'HOOKLINE_TIMESTAMP_TOO_OLD' }],
    handled: 0,
  },
  {
    name: 'future timestamp',
    run: one((fixture) => signed(fixture, orderBody(), { offsetSeconds: 600 })),
    expected: [{ status: 401, code: 'HOOKLINE_TIMESTAMP_TOO_NEW' }],
    handled: 0,
  },
  {
    name: 'missing signature header',
    run: one((fixture) => {
      const request = signed(fixture, orderBody());
      const headers = request.headers.filter(([name]) => name !== 'webhook-signature');
      return { ...request, headers };
    }),
    expected: [{ status: 401, code: 'HOOKLINE_MISSING_HEADER' }],
    handled: 0,
  },
  {
    name: 'no headers at all',
    run: one(() => ({ headers: [json], chunks: [orderBody()] })),
    expected: [{ status: 401, code: 'HOOKLINE_MISSING_HEADER' }],
    handled: 0,
  },
  {
    name: 'signature header sent twice',
    run: one((fixture) => {
      const request = signed(fixture, orderBody());
      const wrong = `v1,${Buffer.alloc(32, 7).toString('base64')}`;
      return { ...request, headers: [['webhook-signature', wrong], ...request.headers] };
    }),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'timestamp header sent twice',
    run: one((fixture) => {
      const request = signed(fixture, orderBody());
      const timestamp = request.headers.find(([name]) => name === 'webhook-timestamp');
      return { ...request, headers: [...request.headers, timestamp as [string, string]] };
    }),
    expected: [{ status: 401, code: 'HOOKLINE_TIMESTAMP_INVALID' }],
    handled: 0,
  },
  {
    name: 'duplicate delivery',
    run: async (url, fixture) => {
      const request = signed(fixture, orderBody(), { id: 'msg_duplicate' });
      return [await send(url, request), await send(url, request)];
    },
    expected: [handled, { status: 200, code: 'duplicate' }],
    handled: 1,
  },
  {
    name: 'concurrent duplicate',
    run: async (url, fixture) => {
      fixture.holdHandlers();
      const request = signed(fixture, orderBody(), { id: 'msg_concurrent' });
      const first = send(url, request);
      while (fixture.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      const second = await send(url, request);
      fixture.release();
      return [await first, second];
    },
    expected: [handled, { status: 409, code: 'HOOKLINE_DUPLICATE_IN_PROGRESS' }],
    handled: 1,
    check: (_fixture, responses) => {
      const retryAfter = Number(responses[1]?.headers['retry-after']);
      if (!(retryAfter >= 1)) throw new Error(`Retry-After is ${String(retryAfter)}`);
    },
  },
  {
    name: 'unknown event type',
    run: one((fixture) => signed(fixture, JSON.stringify({ event_type: 'invoice_paid' }))),
    expected: [{ status: 400, code: 'HOOKLINE_UNKNOWN_EVENT_TYPE' }],
    handled: 0,
  },
  {
    name: 'schema failure',
    run: one((fixture) => signed(fixture, orderBody({ amount: 'lots' }))),
    expected: [{ status: 400, code: 'HOOKLINE_SCHEMA_MISMATCH' }],
    handled: 0,
  },
  {
    name: 'invalid JSON',
    run: one((fixture) => signed(fixture, '{"event_type": "order_created",')),
    expected: [{ status: 400, code: 'HOOKLINE_INVALID_JSON' }],
    handled: 0,
  },
  {
    name: 'empty body',
    run: one((fixture) => signed(fixture, '')),
    expected: [{ status: 400, code: 'HOOKLINE_INVALID_JSON' }],
    handled: 0,
  },
  {
    name: 'handler failure',
    run: one((fixture) => signed(fixture, orderBody({ customer: 'fail' }))),
    expected: [{ status: 500, code: 'HOOKLINE_HANDLER_FAILED' }],
    handled: 1,
  },
  {
    name: 'oversized body with Content-Length',
    run: one((fixture) => signed(fixture, orderBody({ customer: 'x'.repeat(bodyLimit) }))),
    expected: [{ status: 413, code: 'HOOKLINE_BODY_TOO_LARGE' }],
    handled: 0,
  },
  {
    name: 'oversized chunked body',
    run: one((fixture) => {
      const body = orderBody({ customer: 'x'.repeat(bodyLimit) });
      const request = signed(fixture, body);
      const chunks = [body.slice(0, 1000), body.slice(1000, 3000), body.slice(3000)];
      return { ...request, chunks, contentLength: false };
    }),
    expected: [{ status: 413, code: 'HOOKLINE_BODY_TOO_LARGE' }],
    handled: 0,
  },
  {
    name: 'gzip body',
    run: one(encoded('gzip', gzipSync)),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'deflate body',
    run: one(encoded('deflate', deflateSync)),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'br body',
    run: one(encoded('br', brotliCompressSync)),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'GZIP body in upper case',
    run: one(encoded('GZIP', gzipSync)),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'identity Content-Encoding',
    run: one(encoded('identity', (input) => input)),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'two Content-Encodings',
    run: one(encoded('deflate, gzip', (input) => gzipSync(deflateSync(input)))),
    expected: [{ status: 415, code: 'HOOKLINE_UNSUPPORTED_ENCODING' }],
    handled: 0,
  },
  {
    name: 'gzip body over the limit once decoded',
    run: one(encoded('gzip', gzipSync, orderBody({ customer: 'x'.repeat(bodyLimit * 50) }))),
    expected: [{ status: 413, code: 'HOOKLINE_BODY_TOO_LARGE' }],
    handled: 0,
  },
  {
    name: 'truncated gzip body',
    run: one(encoded('gzip', (input) => gzipSync(input).subarray(0, 30))),
    expected: [{ status: 400, code: 'HOOKLINE_INVALID_BODY' }],
    handled: 0,
  },
  {
    name: 'unsupported Content-Encoding',
    run: one(encoded('compress', (input) => input)),
    expected: [{ status: 415, code: 'HOOKLINE_UNSUPPORTED_ENCODING' }],
    handled: 0,
  },
  {
    name: 'slow body split inside a UTF-8 character',
    run: one((fixture) => {
      const body = Buffer.from(orderBody({ customer: 'Zoë Nuñez €' }));
      const split = body.indexOf(Buffer.from('€')) + 1;
      const request = signed(fixture, body);
      const chunks = [body.subarray(0, 20), body.subarray(20, split), body.subarray(split)];
      return { ...request, chunks, delayMs: 5, contentLength: false };
    }),
    expected: [handled],
    handled: 1,
    check: (fixture) => {
      const data = fixture.seen[0]?.data as { customer?: string } | undefined;
      if (data?.customer !== 'Zoë Nuñez €') throw new Error(`customer is ${data?.customer}`);
    },
  },
  {
    name: 'JSON content type in another letter case and charset',
    run: one((fixture) => {
      const request = signed(fixture, orderBody());
      const headers = request.headers.filter(([name]) => name !== 'content-type');
      return {
        ...request,
        headers: [['Content-Type', 'Application/JSON; Charset=UTF-8'], ...headers],
      };
    }),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'missing content type',
    run: one((fixture) => {
      const request = signed(fixture, orderBody());
      return { ...request, headers: request.headers.filter(([name]) => name !== 'content-type') };
    }),
    expected: [handled],
    handled: 1,
  },
  {
    name: 'form-urlencoded body passed through as bytes',
    run: one((fixture) => {
      const request = signed(fixture, 'event_type=order_created&order_id=ord_1');
      const headers = request.headers.filter(([name]) => name !== 'content-type');
      return {
        ...request,
        headers: [['content-type', 'application/x-www-form-urlencoded'], ...headers],
      };
    }),
    // The signature matches, which proves the bytes arrived unchanged; the body is not JSON.
    expected: [{ status: 400, code: 'HOOKLINE_INVALID_JSON' }],
    handled: 0,
  },
];

/** Reads the code of a response: the error code, or the status field of a 200 body. */
export function codeOf(response: RawResponse): string | undefined {
  return response.json.error?.code ?? response.json.status;
}
