import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createWebhooks, type Delivery } from '@hookline/core';
import {
  discord,
  github,
  hmac,
  mailgun,
  mailgunSignature,
  meta,
  sendgrid,
  square,
  standardWebhooksV1a,
  stripe,
  twilio,
} from '@hookline/providers';
import { codeOf } from './helpers.js';
import { now } from './cases.js';

describe('stripe', () => {
  const scheme = stripe({ secret: 'whsec_one' });
  const body = '{"id":"evt_1","type":"a.b"}';

  test('ignores v0 and accepts any matching v1', () => {
    const signedHeader = scheme.sign({ body, timestamp: now })['stripe-signature'] ?? '';
    const [t, v1] = signedHeader.split(',');
    const header = `${t},v0=${v1?.slice(3)},v1=${'0'.repeat(64)},${v1}`;
    const delivery = { headers: { 'stripe-signature': header }, body };
    expect(codeOf(() => scheme.verify(delivery, { now }))).toBe('none');
  });

  test('rejects a header with two t values', () => {
    const header = scheme.sign({ body, timestamp: now })['stripe-signature'] ?? '';
    const delivery = { headers: { 'stripe-signature': `t=1,${header}` }, body };
    expect(codeOf(() => scheme.verify(delivery, { now }))).toBe('HOOKLINE_MALFORMED_HEADER');
  });

  test('rejects a non-numeric t', () => {
    const delivery = { headers: { 'stripe-signature': `t=abc,v1=${'0'.repeat(64)}` }, body };
    expect(codeOf(() => scheme.verify(delivery, { now }))).toBe('HOOKLINE_TIMESTAMP_INVALID');
  });
});

describe('github', () => {
  const body = '{"zen":"Keep it logically awesome."}';
  const sha1Header = (secret: string) =>
    github({ secret, allowSha1: true }).sign({ body })['x-hub-signature'] ?? '';

  test('ignores a SHA-1 signature unless allowSha1 is set', () => {
    const delivery = { headers: { 'x-hub-signature': sha1Header('s') }, body };
    expect(codeOf(() => github({ secret: 's' }).verify(delivery))).toBe('HOOKLINE_MISSING_HEADER');
    expect(codeOf(() => github({ secret: 's', allowSha1: true }).verify(delivery))).toBe('none');
  });

  test('prefers SHA-256 when both signatures are sent', () => {
    const headers = {
      'x-hub-signature': sha1Header('s'),
      'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
    };
    const scheme = github({ secret: 's', allowSha1: true });
    expect(codeOf(() => scheme.verify({ headers, body }))).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  test('routes ping without an action and parses a payload= form', async () => {
    const scheme = github({ secret: 's' });
    const webhooks = createWebhooks({ scheme });
    const seen: string[] = [];
    webhooks.on('ping', (event) => {
      seen.push(event.type);
    });
    const form = new URLSearchParams({ payload: body }).toString();
    const headers = {
      ...scheme.sign({ body: form }),
      'content-type': 'application/x-www-form-urlencoded',
      'x-github-event': 'ping',
      'x-github-delivery': 'd-1',
    };
    const outcome = await webhooks.receive({ headers, body: form });
    expect(outcome.status).toBe(200);
    expect(seen).toEqual(['ping']);
  });
});

describe('twilio', () => {
  const token = 'twilio-auth-token';
  const signer = twilio({ secret: token });
  const form = 'To=%2B1555&From=%2B1666&Body=hello&MessageSid=SM1&SmsStatus=received';
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
  const publicUrl = 'https://example.com/twilio?x=1';
  const headersFor = (url: string, body = form) => ({
    ...formHeaders,
    ...signer.sign({ body, url }),
  });

  test('verifies a JSON body through bodySHA256', () => {
    const body = '{"a":1}';
    const hash = createHash('sha256').update(body).digest('hex');
    const url = `https://example.com/twilio?bodySHA256=${hash}`;
    const headers = { ...signer.sign({ body, url }), 'content-type': 'application/json' };
    const scheme = twilio({ secret: token });
    expect(codeOf(() => scheme.verify({ headers, body, url }))).toBe('none');
    expect(codeOf(() => scheme.verify({ headers, body: '{"a":2}', url }))).toBe(
      'HOOKLINE_SIGNATURE_MISMATCH',
    );
  });

  test('combines the url option with the request query', () => {
    const scheme = twilio({ secret: token, url: 'https://example.com/twilio' });
    const delivery = { headers: headersFor(publicUrl), body: form, url: '/internal?x=1' };
    expect(codeOf(() => scheme.verify(delivery))).toBe('none');
  });

  test('accepts the URL signed with or without the default port', () => {
    const scheme = twilio({ secret: token, url: 'https://example.com/twilio' });
    const withPort = headersFor('https://example.com:443/twilio?x=1');
    expect(codeOf(() => scheme.verify({ headers: withPort, body: form, url: '/t?x=1' }))).toBe(
      'none',
    );
  });

  test('trusts X-Forwarded-* only when asked', () => {
    const headers = {
      ...headersFor(publicUrl),
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'example.com',
      host: 'internal:3000',
    };
    const delivery: Delivery = { headers, body: form, url: 'http://internal:3000/twilio?x=1' };
    const trusting = twilio({ secret: token, trustForwardedHeaders: true });
    expect(codeOf(() => trusting.verify(delivery))).toBe('none');
    expect(codeOf(() => twilio({ secret: token }).verify(delivery))).toBe(
      'HOOKLINE_SIGNATURE_MISMATCH',
    );
  });

  test('rejects a forwarded host that forms no URL with 401', () => {
    const headers = { ...headersFor(publicUrl), 'x-forwarded-host': 'bad host' };
    const delivery: Delivery = { headers, body: form, url: '/twilio?x=1' };
    const trusting = twilio({ secret: token, trustForwardedHeaders: true });
    expect(codeOf(() => trusting.verify(delivery))).toBe('HOOKLINE_MALFORMED_HEADER');
  });

  test('reports a missing public URL as a configuration error', () => {
    const delivery = { headers: headersFor(publicUrl), body: form, url: '/twilio?x=1' };
    expect(codeOf(() => twilio({ secret: token }).verify(delivery))).toBe(
      'HOOKLINE_INVALID_CONFIG',
    );
  });

  test('rejects a relative url option', () => {
    expect(codeOf(() => twilio({ secret: token, url: '/twilio' }))).toBe('HOOKLINE_INVALID_CONFIG');
  });
});

describe('discord envelope', () => {
  test.each([['constructor'], ['2'], [9], [null]])(
    'rejects interaction type %j with 400',
    (type) => {
      const envelope = discord({ publicKey: Buffer.alloc(32, 1).toString('hex') }).envelope;
      const run = () =>
        envelope?.({ payload: { type }, verified: {}, delivery: { headers: {}, body: '' } });
      expect(codeOf(run)).toBe('HOOKLINE_MISSING_EVENT_TYPE');
    },
  );
});

describe('mailgun', () => {
  const key = 'mailgun-key';
  const scheme = mailgun({ secret: key });
  const verify =
    (signature: unknown, at = now) =>
    () =>
      scheme.verify({ headers: {}, body: JSON.stringify({ signature }) }, { now: at });

  test.each([
    ['no signature object', undefined],
    ['no token', { timestamp: '1', signature: 'ab' }],
    ['a non-hex signature', { ...mailgunSignature(key, now), signature: 'zz' }],
  ])('rejects %s with HOOKLINE_MISSING_SIGNATURE', (_title, signature) => {
    expect(codeOf(verify(signature))).toBe('HOOKLINE_MISSING_SIGNATURE');
  });

  test('rejects a body that is not JSON with 401', () => {
    const run = () => scheme.verify({ headers: {}, body: 'not json' }, { now });
    expect(codeOf(run)).toBe('HOOKLINE_MISSING_SIGNATURE');
  });

  test('rejects a non-numeric timestamp', () => {
    const signature = { ...mailgunSignature(key, now), timestamp: 'soon' };
    expect(codeOf(verify(signature))).toBe('HOOKLINE_TIMESTAMP_INVALID');
  });

  test('rejects a stale and a future timestamp', () => {
    const signature = mailgunSignature(key, now);
    expect(codeOf(verify(signature, now + 301_000))).toBe('HOOKLINE_TIMESTAMP_TOO_OLD');
    expect(codeOf(verify(signature, now - 301_000))).toBe('HOOKLINE_TIMESTAMP_TOO_NEW');
  });

  test('accepts rotation with the valid key first and last', () => {
    const signature = mailgunSignature(key, now);
    const body = JSON.stringify({ signature });
    for (const secret of [
      [key, 'other'],
      ['other', key],
    ]) {
      const rotating = mailgun({ secret });
      expect(codeOf(() => rotating.verify({ headers: {}, body }, { now }))).toBe('none');
    }
  });

  test('rejects the wrong key', () => {
    const signature = mailgunSignature('other', now);
    expect(codeOf(verify(signature))).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });
});

describe('configuration', () => {
  test.each([
    ['an unknown algorithm', { algorithm: 'md5' }],
    ['an unknown encoding', { encoding: 'base32' }],
    ['an empty header', { header: '' }],
    ['a negative tolerance', { tolerance: -1 }],
    ['an unknown content part', { content: ['body', 'query'] }],
    ['an empty content list', { content: [] }],
  ])('hmac rejects %s', (_title, override) => {
    const options = { name: 'x', secret: 's', header: 'x-sig', ...override };
    expect(codeOf(() => hmac(options as Parameters<typeof hmac>[0]))).toBe(
      'HOOKLINE_INVALID_CONFIG',
    );
  });

  test.each([
    ['discord with a short key', () => discord({ publicKey: 'abcd' })],
    ['discord with a non-hex key', () => discord({ publicKey: 'z'.repeat(64) })],
    ['sendgrid with a bad key', () => sendgrid({ publicKey: 'bm90IGEga2V5' })],
    ['v1a with a bad key', () => standardWebhooksV1a({ publicKey: 'whpk_%%%' })],
    ['square without notificationUrl', () => square({ secret: 's' } as never)],
    ['meta with a padded verify token', () => meta({ secret: 's', verifyToken: ' t' })],
  ])('rejects %s', (_title, create) => {
    expect(codeOf(create)).toBe('HOOKLINE_INVALID_CONFIG');
  });

  test('sign without a private key is a configuration error', () => {
    const key = Buffer.alloc(32, 1).toString('hex');
    expect(codeOf(() => discord({ publicKey: key }).sign({ body: '{}' }))).toBe(
      'HOOKLINE_INVALID_CONFIG',
    );
  });
});
