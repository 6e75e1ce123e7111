import { Buffer } from 'node:buffer';
import { describe, expect, test } from 'vitest';
import type { Delivery } from '@hookline/core';
import {
  discord,
  github,
  intercom,
  linear,
  mailgun,
  meta,
  paddle,
  sendgrid,
  shopify,
  slack,
  square,
  standardWebhooksV1a,
  stripe,
  twilio,
  zoom,
} from '@hookline/providers';
import { standardWebhooks } from '@hookline/core';
import { codeOf, readVectors, vectorFiles } from './helpers.js';

// Vector files differ per provider, so their entries are read loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Vector = Record<string, any>;
interface VectorFile {
  valid: Vector[];
  invalid?: Vector[];
}

const covered = new Set<string>();
function load(file: string): VectorFile {
  covered.add(file);
  return readVectors<VectorFile>(file);
}

const stripeVectors = load('stripe.json');
const githubVectors = load('github.json');
const slackVectors = load('slack.json');
const shopifyVectors = load('shopify.json');
const paddleVectors = load('paddle.json');
const linearVectors = load('linear.json');
const zoomVectors = load('zoom.json');
const discordVectors = load('discord.json');
const twilioVectors = load('twilio.json');
const squareVectors = load('square.json');
const metaVectors = load('meta.json');
const intercomVectors = load('intercom.json');
const sendgridVectors = load('sendgrid.json');
const mailgunVectors = load('mailgun.json');
const standardVectors = load('standard-webhooks.json');

const named = (vectors: Vector[]): Vector[] =>
  vectors.map((vector, index) => ({ ...vector, title: vector.name ?? `#${index + 1}` }));

test('every vector file has a test', () => {
  expect(vectorFiles().filter((file) => !covered.has(file))).toEqual([]);
});

describe('stripe vectors', () => {
  test.each(named(stripeVectors.valid))('accepts $title', (vector) => {
    const scheme = stripe({ secret: vector.secret });
    const delivery = { headers: { 'stripe-signature': vector.header }, body: vector.body };
    const verified = scheme.verify(delivery, { now: vector.now * 1000 });
    expect(verified.timestamp).toEqual(new Date(1_700_000_000_000));
  });

  const expectedCodes: Record<string, string> = {
    'only v0': 'HOOKLINE_MALFORMED_HEADER',
    'garbage header': 'HOOKLINE_MALFORMED_HEADER',
    'too old': 'HOOKLINE_TIMESTAMP_TOO_OLD',
    'body re-serialised with indentation': 'HOOKLINE_SIGNATURE_MISMATCH',
  };
  test.each(named(stripeVectors.invalid ?? []))('rejects $title', (vector) => {
    const scheme = stripe({ secret: vector.secret });
    const delivery = { headers: { 'stripe-signature': vector.header }, body: vector.body };
    const code = codeOf(() => scheme.verify(delivery, { now: vector.now * 1000 }));
    expect(code).toBe(expectedCodes[vector.name]);
  });
});

describe('github vectors', () => {
  test.each(named(githubVectors.valid))('accepts $title', (vector) => {
    const scheme = github({ secret: vector.secret });
    const headers = { [vector.header]: vector.signature, 'x-github-event': 'ping' };
    expect(scheme.verify({ headers, body: vector.body }).type).toBe('ping');
  });
});

describe('slack vectors', () => {
  const [valid] = named(slackVectors.valid);
  const delivery = (overrides: Record<string, string> = {}): Delivery => ({
    headers: {
      'x-slack-signature': valid?.signature,
      'x-slack-request-timestamp': String(valid?.timestamp),
      'content-type': valid?.content_type,
      ...overrides,
    },
    body: valid?.body,
  });

  test('accepts the published slash command', () => {
    const scheme = slack({ secret: valid?.secret });
    const verified = scheme.verify(delivery(), { now: valid?.timestamp * 1000 });
    expect(verified.timestamp).toEqual(new Date(valid?.timestamp * 1000));
    expect(scheme.parse?.(delivery().body, delivery())).toMatchObject({
      command: '/webhook-collect',
    });
  });

  test.each(named(slackVectors.invalid ?? []))('rejects $title', (vector) => {
    const scheme = slack({ secret: valid?.secret });
    const overrides = vector.signature ? { 'x-slack-signature': vector.signature } : {};
    const now = (vector.now ?? valid?.timestamp) * 1000;
    const code = codeOf(() => scheme.verify(delivery(overrides), { now }));
    expect(code).toBe(vector.now ? 'HOOKLINE_TIMESTAMP_TOO_OLD' : 'HOOKLINE_MALFORMED_HEADER');
  });
});

describe('shopify vectors', () => {
  test.each(named(shopifyVectors.valid))('accepts $title', (vector) => {
    const scheme = shopify({ secret: vector.secret });
    const headers = {
      'x-shopify-hmac-sha256': vector.signature,
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': 'b54557e4',
    };
    const verified = scheme.verify({ headers, body: vector.body });
    expect(verified).toMatchObject({ type: 'orders/create', id: 'b54557e4' });
  });
});

describe('paddle vectors', () => {
  test.each(named(paddleVectors.valid))('accepts $title', (vector) => {
    const scheme = paddle({ secret: vector.secret });
    const delivery = { headers: { 'paddle-signature': vector.header }, body: vector.body };
    const verified = scheme.verify(delivery, { now: vector.now * 1000 });
    expect(verified.timestamp).toEqual(new Date(vector.now * 1000));
  });
});

describe('linear vectors', () => {
  const [valid] = named(linearVectors.valid);
  const delivery = { headers: { 'linear-signature': valid?.signature }, body: valid?.body };

  test('accepts the signed body at the edge of 60 s', () => {
    const scheme = linear({ secret: valid?.secret });
    const verified = scheme.verify(delivery, { now: valid?.now_ms });
    expect(verified.timestamp).toEqual(new Date(1_700_000_000_000));
  });

  test.each(named(linearVectors.invalid ?? []))('rejects $title', (vector) => {
    const scheme = linear({ secret: valid?.secret });
    const code = codeOf(() => scheme.verify(delivery, { now: vector.now_ms }));
    expect(code).toBe('HOOKLINE_TIMESTAMP_TOO_OLD');
  });
});

describe('zoom vectors', () => {
  test.each(named(zoomVectors.valid))('accepts $title', (vector) => {
    const scheme = zoom({ secret: vector.secret });
    const headers = {
      'x-zm-signature': vector.signature,
      'x-zm-request-timestamp': String(vector.timestamp),
    };
    const verified = scheme.verify(
      { headers, body: vector.body },
      { now: vector.timestamp * 1000 },
    );
    expect(verified.timestamp).toEqual(new Date(vector.timestamp * 1000));
  });

  test('answers endpoint.url_validation with the encrypted token', () => {
    const { url_validation: validation } = zoomVectors as unknown as { url_validation: Vector };
    const scheme = zoom({ secret: validation.secret });
    const payload = {
      event: 'endpoint.url_validation',
      payload: { plainToken: validation.plainToken },
    };
    const reply = scheme.answerVerified?.(payload, {}, { headers: {}, body: '' });
    expect(reply?.status).toBe(200);
    expect(JSON.parse(reply?.body ?? '')).toEqual({
      plainToken: validation.plainToken,
      encryptedToken: validation.encryptedToken,
    });
  });
});

describe('discord vectors', () => {
  test.each(named(discordVectors.valid))('accepts $title', (vector) => {
    const scheme = discord({ publicKey: vector.public_key });
    const headers = {
      'x-signature-ed25519': vector.signature,
      'x-signature-timestamp': vector.timestamp,
    };
    const now = Number(vector.timestamp) * 1000;
    expect(scheme.verify({ headers, body: vector.body }, { now }).timestamp).toEqual(new Date(now));
  });
});

describe('twilio vectors', () => {
  test.each(named(twilioVectors.valid))('accepts $title', (vector) => {
    const scheme = twilio({ secret: vector.token });
    const isJson = vector.body !== undefined;
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(vector.params as Record<string, string | string[]>)) {
      for (const item of [value].flat()) form.append(key, item);
    }
    const delivery = {
      headers: {
        'x-twilio-signature': vector.signature,
        'content-type': isJson ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: isJson ? vector.body : form.toString(),
      url: vector.url,
    };
    expect(codeOf(() => scheme.verify(delivery))).toBe('none');
  });
});

describe('square vectors', () => {
  test.each(named(squareVectors.valid))('accepts $title', (vector) => {
    const scheme = square({ secret: vector.key, notificationUrl: vector.url });
    const headers = { 'x-square-hmacsha256-signature': vector.signature };
    expect(codeOf(() => scheme.verify({ headers, body: vector.body }))).toBe('none');
  });
});

describe('meta vectors', () => {
  test.each(named(metaVectors.valid))('accepts $title', (vector) => {
    const scheme = meta({ secret: vector.secret });
    const headers = { 'x-hub-signature-256': vector.signature };
    expect(codeOf(() => scheme.verify({ headers, body: vector.body }))).toBe('none');
  });

  test.each(named(metaVectors.invalid ?? []))('rejects $title', (vector) => {
    const scheme = meta({ secret: vector.secret });
    const headers = { 'x-hub-signature-256': vector.signature };
    const code = codeOf(() => scheme.verify({ headers, body: vector.body }));
    expect(code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });
});

describe('intercom vectors', () => {
  test.each(named(intercomVectors.valid))('accepts $title', (vector) => {
    const scheme = intercom({ secret: vector.secret });
    const headers = { 'x-hub-signature': vector.signature };
    expect(codeOf(() => scheme.verify({ headers, body: vector.body }))).toBe('none');
  });
});

describe('sendgrid vectors', () => {
  test.each(named(sendgridVectors.valid))('accepts $title', (vector) => {
    const scheme = sendgrid({ publicKey: vector.public_key });
    const headers = {
      'x-twilio-email-event-webhook-signature': vector.signature,
      'x-twilio-email-event-webhook-timestamp': vector.timestamp,
    };
    const now = Number(vector.timestamp) * 1000;
    expect(codeOf(() => scheme.verify({ headers, body: vector.body }, { now }))).toBe('none');
  });
});

describe('mailgun vectors', () => {
  test.each(named(mailgunVectors.valid))('accepts $title as JSON and as a form', (vector) => {
    const scheme = mailgun({ secret: vector.key });
    const signature = {
      timestamp: vector.timestamp,
      token: vector.token,
      signature: vector.signature,
    };
    const now = Number(vector.timestamp) * 1000;
    const json = JSON.stringify({ signature, 'event-data': { event: 'delivered' } });
    const form = new URLSearchParams({ ...signature, event: 'delivered' }).toString();
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

    expect(scheme.verify({ headers: {}, body: json }, { now }).id).toBe(vector.token);
    expect(scheme.verify({ headers: formHeaders, body: form }, { now }).id).toBe(vector.token);
  });
});

describe('standard webhooks vectors', () => {
  const file = standardVectors as unknown as {
    valid: Vector[];
    ed25519_v1a: Vector[];
  };
  const headers = (vector: Vector) => ({
    'webhook-id': vector.id,
    'webhook-timestamp': String(vector.timestamp),
    'webhook-signature': vector.signature,
  });
  const body = (vector: Vector) =>
    vector.body_base64 !== undefined
      ? Buffer.from(vector.body_base64, 'base64')
      : vector.body_repeat !== undefined
        ? vector.body_repeat.char.repeat(vector.body_repeat.count)
        : vector.body;

  test.each(named(file.ed25519_v1a))('v1a accepts $title', (vector) => {
    const scheme = standardWebhooksV1a({ publicKey: vector.public_key });
    const delivery = { headers: headers(vector), body: body(vector) };
    const verified = scheme.verify(delivery, { now: vector.timestamp * 1000 });
    expect(verified.id).toBe(vector.id);
  });

  test('v1a rejects a signature made with another key', () => {
    const [first, second] = file.ed25519_v1a;
    const scheme = standardWebhooksV1a({ publicKey: second?.public_key });
    const delivery = { headers: headers(first ?? {}), body: body(first ?? {}) };
    const code = codeOf(() => scheme.verify(delivery, { now: (first?.timestamp ?? 0) * 1000 }));
    expect(code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  test.each(named(file.valid))('v1 accepts $title through core', (vector) => {
    const scheme = standardWebhooks({ secret: vector.secret });
    const delivery = { headers: headers(vector), body: body(vector) };
    expect(scheme.verify(delivery, { now: vector.timestamp * 1000 }).id).toBe(vector.id);
  });
});
