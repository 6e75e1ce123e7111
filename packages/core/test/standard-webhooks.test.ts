import { Buffer } from 'node:buffer';
import { describe, expect, test } from 'vitest';
import {
  isConfigurationError,
  isVerificationError,
  standardWebhooks,
  type Delivery,
  type ErrorCode,
} from '@hookline/core';
import { readVectors, type VectorBody, vectorBody } from './vectors.js';

interface Vector extends VectorBody {
  name: string;
  secret: string;
  id: string;
  timestamp: number;
  signature: string;
}

interface VectorFile {
  valid: Vector[];
  invalid_signatures_for_default_fixture: string[];
  timestamp_window: { fixture: string; accept_now: number[]; reject_now: number[] };
  invalid_secrets: string[];
}

const vectors = readVectors<VectorFile>('standard-webhooks.json');
const fixture = vectors.valid.find((vector) => vector.name === 'default fixture') as Vector;

function delivery(vector: Vector, overrides: Record<string, string | string[]> = {}): Delivery {
  return {
    headers: {
      'webhook-id': vector.id,
      'webhook-timestamp': String(vector.timestamp),
      'webhook-signature': vector.signature,
      ...overrides,
    },
    body: vectorBody(vector),
  };
}

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (isVerificationError(error) || isConfigurationError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('standard webhooks vectors', () => {
  test.each(vectors.valid.map((vector) => [vector.name, vector] as const))(
    'accepts %s',
    (_, vector) => {
      const scheme = standardWebhooks({ secret: vector.secret });
      const verified = scheme.verify(delivery(vector), { now: vector.timestamp * 1000 });
      expect(verified.id).toBe(vector.id);
      expect(verified.timestamp.getTime()).toBe(vector.timestamp * 1000);
    },
  );

  test.each(vectors.invalid_signatures_for_default_fixture)('rejects signature %s', (signature) => {
    const scheme = standardWebhooks({ secret: fixture.secret });
    const code = codeOf(() =>
      scheme.verify(delivery(fixture, { 'webhook-signature': signature }), {
        now: fixture.timestamp * 1000,
      }),
    );
    expect(['HOOKLINE_SIGNATURE_MISMATCH', 'HOOKLINE_MALFORMED_HEADER']).toContain(code);
  });

  test.each(vectors.timestamp_window.accept_now)('accepts the fixture at now = %i', (now) => {
    const scheme = standardWebhooks({ secret: fixture.secret });
    expect(scheme.verify(delivery(fixture), { now: now * 1000 }).id).toBe(fixture.id);
  });

  test.each(vectors.timestamp_window.reject_now)('rejects the fixture at now = %i', (now) => {
    const scheme = standardWebhooks({ secret: fixture.secret });
    const code = codeOf(() => scheme.verify(delivery(fixture), { now: now * 1000 }));
    expect(code).toBe(
      now < fixture.timestamp ? 'HOOKLINE_TIMESTAMP_TOO_NEW' : 'HOOKLINE_TIMESTAMP_TOO_OLD',
    );
  });

  test.each(vectors.invalid_secrets)('rejects secret %j at construction', (secret) => {
    expect(codeOf(() => standardWebhooks({ secret }))).toBe('HOOKLINE_INVALID_CONFIG');
  });
});

describe('standard webhooks headers', () => {
  const scheme = standardWebhooks({ secret: fixture.secret });
  const now = fixture.timestamp * 1000;

  test('reads mixed-case header names from a plain record', () => {
    const headers = {
      'Webhook-Id': fixture.id,
      'WEBHOOK-TIMESTAMP': String(fixture.timestamp),
      'webhook-Signature': fixture.signature,
    };
    expect(scheme.verify({ headers, body: vectorBody(fixture) }, { now }).id).toBe(fixture.id);
  });

  test('reads a WHATWG Headers object', () => {
    const headers = new Headers({
      'webhook-id': fixture.id,
      'webhook-timestamp': String(fixture.timestamp),
      'webhook-signature': fixture.signature,
    });
    expect(scheme.verify({ headers, body: vectorBody(fixture) }, { now }).id).toBe(fixture.id);
  });

  test('accepts a signature header sent twice as an array', () => {
    const headers = {
      'webhook-signature': ['v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', fixture.signature],
    };
    expect(scheme.verify(delivery(fixture, headers), { now }).id).toBe(fixture.id);
  });

  test('accepts a repeated signature header joined by Headers', () => {
    const headers = new Headers();
    headers.append('webhook-id', fixture.id);
    headers.append('webhook-timestamp', String(fixture.timestamp));
    headers.append('webhook-signature', 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=');
    headers.append('webhook-signature', fixture.signature);
    expect(scheme.verify({ headers, body: vectorBody(fixture) }, { now }).id).toBe(fixture.id);
  });

  test('rejects an id header sent twice with different values', () => {
    const code = codeOf(() =>
      scheme.verify(delivery(fixture, { 'webhook-id': [fixture.id, 'other'] }), { now }),
    );
    expect(code).toBe('HOOKLINE_MALFORMED_HEADER');
  });

  test('reads svix-* headers', () => {
    const headers = {
      'svix-id': fixture.id,
      'svix-timestamp': String(fixture.timestamp),
      'svix-signature': fixture.signature,
    };
    expect(scheme.verify({ headers, body: vectorBody(fixture) }, { now }).id).toBe(fixture.id);
  });

  test.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'rejects a delivery without %s',
    (name) => {
      const headers: Record<string, string> = {
        'webhook-id': fixture.id,
        'webhook-timestamp': String(fixture.timestamp),
        'webhook-signature': fixture.signature,
      };
      delete headers[name];
      expect(codeOf(() => scheme.verify({ headers, body: vectorBody(fixture) }, { now }))).toBe(
        'HOOKLINE_MISSING_HEADER',
      );
    },
  );

  test.each(['1614265330.0', '+1614265330', ' 1614265330', '1e9', '-5', 'abc', '0x10'])(
    'rejects timestamp %j as invalid',
    (timestamp) => {
      const code = codeOf(() =>
        scheme.verify(delivery(fixture, { 'webhook-timestamp': timestamp }), { now }),
      );
      expect(code).toBe('HOOKLINE_TIMESTAMP_INVALID');
    },
  );

  test('verifies a string body the same as its bytes', () => {
    const body = vectorBody(fixture).toString('utf8');
    expect(scheme.verify({ ...delivery(fixture), body }, { now }).id).toBe(fixture.id);
  });

  test('verifies a Uint8Array view into a larger buffer', () => {
    const bytes = vectorBody(fixture);
    const padded = Buffer.concat([Buffer.from('xx'), bytes, Buffer.from('yy')]);
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 2, bytes.byteLength);
    expect(scheme.verify({ ...delivery(fixture), body: view }, { now }).id).toBe(fixture.id);
  });
});

describe('standard webhooks options', () => {
  const now = fixture.timestamp * 1000;

  test.each([0, 1])('accepts rotation with the valid secret at position %i', (position) => {
    const secrets = ['whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'];
    secrets.splice(position, 0, fixture.secret);
    const scheme = standardWebhooks({ secret: secrets });
    expect(scheme.verify(delivery(fixture), { now }).id).toBe(fixture.id);
  });

  test('accepts raw key bytes as the secret', () => {
    const key = Buffer.from(fixture.secret.slice('whsec_'.length), 'base64');
    const scheme = standardWebhooks({ secret: key });
    expect(scheme.verify(delivery(fixture), { now }).id).toBe(fixture.id);
  });

  test('rejects a wrong secret', () => {
    const scheme = standardWebhooks({ secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD' });
    expect(codeOf(() => scheme.verify(delivery(fixture), { now }))).toBe(
      'HOOKLINE_SIGNATURE_MISMATCH',
    );
  });

  test('applies a custom tolerance in both directions', () => {
    const scheme = standardWebhooks({ secret: fixture.secret, tolerance: 10 });
    expect(scheme.verify(delivery(fixture), { now: now + 10_000 }).id).toBe(fixture.id);
    expect(scheme.verify(delivery(fixture), { now: now - 10_000 }).id).toBe(fixture.id);
    expect(codeOf(() => scheme.verify(delivery(fixture), { now: now + 11_000 }))).toBe(
      'HOOKLINE_TIMESTAMP_TOO_OLD',
    );
    expect(codeOf(() => scheme.verify(delivery(fixture), { now: now - 11_000 }))).toBe(
      'HOOKLINE_TIMESTAMP_TOO_NEW',
    );
  });

  test.each([
    ['undefined', undefined],
    ['an empty list', []],
    ['white space', '  '],
    ['a padded secret', ` ${fixture.secret}\n`],
    ['a v1, signature', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    ['an undecodable secret', 'whsec_%%%'],
    ['a secret that decodes to nothing', 'whsec_'],
  ])('rejects %s as the secret', (_, secret) => {
    expect(codeOf(() => standardWebhooks({ secret: secret as string }))).toBe(
      'HOOKLINE_INVALID_CONFIG',
    );
  });

  test('keeps the secret out of configuration error messages', () => {
    const secret = ` ${fixture.secret}`;
    try {
      standardWebhooks({ secret });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(fixture.secret.slice(6));
    }
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects tolerance %s', (tolerance) => {
    expect(codeOf(() => standardWebhooks({ secret: fixture.secret, tolerance }))).toBe(
      'HOOKLINE_INVALID_CONFIG',
    );
  });

  test('signs deliveries that it verifies', () => {
    const scheme = standardWebhooks({ secret: fixture.secret });
    const body = '{"type":"ping"}';
    const headers = scheme.sign({ body, id: 'msg_1', timestamp: now });
    expect(headers['webhook-timestamp']).toBe(String(fixture.timestamp));
    expect(scheme.verify({ headers, body }, { now }).id).toBe('msg_1');
  });

  test('reproduces the published signature when signing', () => {
    const scheme = standardWebhooks({ secret: fixture.secret });
    const headers = scheme.sign({ body: vectorBody(fixture), id: fixture.id, timestamp: now });
    expect(headers['webhook-signature']).toBe(fixture.signature);
  });
});
