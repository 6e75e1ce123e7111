import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebhookScheme } from '@hookline/core';
import {
  discord,
  github,
  intercom,
  linear,
  mailgunSignature,
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
import { createProvidersApp } from '../src/app.js';

const ed25519 = generateKeyPairSync('ed25519');
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rawEd25519 = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).subarray(12);

const env = {
  STRIPE_WEBHOOK_SECRET: 'whsec_stripe',
  GITHUB_WEBHOOK_SECRET: 'github-secret',
  SLACK_WEBHOOK_SECRET: 'slack-secret',
  SHOPIFY_WEBHOOK_SECRET: 'shopify-secret',
  PADDLE_WEBHOOK_SECRET: 'pdl_ntfset_paddle',
  LINEAR_WEBHOOK_SECRET: 'lin_wh_linear',
  ZOOM_WEBHOOK_SECRET: 'zoom-secret',
  DISCORD_PUBLIC_KEY: rawEd25519(ed25519.publicKey).toString('hex'),
  TWILIO_WEBHOOK_SECRET: 'twilio-token',
  TWILIO_WEBHOOK_URL: 'https://example.com/twilio',
  SQUARE_WEBHOOK_SECRET: 'square-key',
  SQUARE_NOTIFICATION_URL: 'https://example.com/square',
  META_WEBHOOK_SECRET: 'meta-secret',
  META_VERIFY_TOKEN: 'meta-verify',
  INTERCOM_WEBHOOK_SECRET: 'intercom-secret',
  SENDGRID_PUBLIC_KEY: p256.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  MAILGUN_WEBHOOK_SECRET: 'mailgun-key',
  STANDARD_WEBHOOKS_PUBLIC_KEY: `whpk_${rawEd25519(ed25519.publicKey).toString('base64')}`,
};

// Sender-side schemes: the same recipes, holding what a sender holds.
const senders: Record<string, WebhookScheme> = {
  stripe: stripe({ secret: env.STRIPE_WEBHOOK_SECRET }),
  github: github({ secret: env.GITHUB_WEBHOOK_SECRET }),
  slack: slack({ secret: env.SLACK_WEBHOOK_SECRET }),
  shopify: shopify({ secret: env.SHOPIFY_WEBHOOK_SECRET }),
  paddle: paddle({ secret: env.PADDLE_WEBHOOK_SECRET }),
  linear: linear({ secret: env.LINEAR_WEBHOOK_SECRET }),
  zoom: zoom({ secret: env.ZOOM_WEBHOOK_SECRET }),
  discord: discord({ publicKey: env.DISCORD_PUBLIC_KEY, privateKey: ed25519.privateKey }),
  twilio: twilio({ secret: env.TWILIO_WEBHOOK_SECRET }),
  square: square({
    secret: env.SQUARE_WEBHOOK_SECRET,
    notificationUrl: env.SQUARE_NOTIFICATION_URL,
  }),
  meta: meta({ secret: env.META_WEBHOOK_SECRET }),
  intercom: intercom({ secret: env.INTERCOM_WEBHOOK_SECRET }),
  sendgrid: sendgrid({ publicKey: env.SENDGRID_PUBLIC_KEY, privateKey: p256.privateKey }),
  standard: standardWebhooksV1a({
    publicKey: env.STANDARD_WEBHOOKS_PUBLIC_KEY,
    privateKey: ed25519.privateKey,
  }),
};

interface Delivery {
  provider: string;
  body: string;
  headers?: Record<string, string>;
  url?: string;
  id?: string;
  line: string;
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };

const deliveries: Delivery[] = [
  {
    provider: 'stripe',
    body: '{"id":"evt_1","type":"checkout.session.completed","data":{"object":{"id":"cs_1"}}}',
    line: 'stripe checkout.session.completed evt_1',
  },
  {
    provider: 'github',
    body: '{"action":"opened","issue":{"number":7}}',
    headers: { 'x-github-event': 'issues' },
    id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    line: 'github issues.opened 72d3162e-cc78-11e3-81ab-4c9367dc0958',
  },
  {
    provider: 'slack',
    body: '{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","text":"hi"}}',
    line: 'slack app_mention Ev1',
  },
  {
    provider: 'shopify',
    body: '{"id":820982911946154508}',
    headers: { 'x-shopify-topic': 'orders/create' },
    id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    line: 'shopify orders/create b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
  },
  {
    provider: 'paddle',
    body: '{"event_id":"evt_01","event_type":"transaction.completed","data":{}}',
    line: 'paddle transaction.completed evt_01',
  },
  {
    provider: 'linear',
    body: JSON.stringify({
      action: 'create',
      type: 'Issue',
      data: {},
      webhookTimestamp: Date.now(),
    }),
    id: 'linear-delivery-1',
    line: 'linear Issue.create linear-delivery-1',
  },
  {
    provider: 'zoom',
    body: '{"event":"meeting.started","payload":{"object":{"id":"1"}}}',
    line: 'zoom meeting.started (no id)',
  },
  {
    provider: 'discord',
    body: '{"type":2,"id":"interaction-1","data":{"name":"hello"}}',
    line: 'discord APPLICATION_COMMAND interaction-1',
  },
  {
    provider: 'twilio',
    body: 'MessageSid=SM1&SmsStatus=received&From=%2B15550001&Body=hi',
    headers: { ...form, 'i-twilio-idempotency-token': 'idem-1' },
    url: 'https://example.com/twilio',
    line: 'twilio message.received idem-1',
  },
  {
    provider: 'square',
    body: '{"type":"payment.updated","event_id":"sq-1","data":{}}',
    url: 'https://example.com/square',
    line: 'square payment.updated sq-1',
  },
  {
    provider: 'meta',
    body: '{"object":"page","entry":[]}',
    line: 'meta page (no id)',
  },
  {
    provider: 'intercom',
    body: '{"type":"notification_event","topic":"ping","id":"notif_1","data":{"item":{}}}',
    line: 'intercom ping notif_1',
  },
  {
    provider: 'sendgrid',
    body: '[{"event":"delivered","sg_event_id":"sg-1"}]',
    line: 'sendgrid events (no id)',
  },
  {
    provider: 'standard',
    body: '{"type":"invoice.paid","timestamp":"2026-01-15T12:00:00Z","data":{}}',
    id: 'msg_1',
    line: 'standard invoice.paid msg_1',
  },
];

let server: Server;
let origin: string;
const printed: string[] = [];

beforeAll(async () => {
  const app = createProvidersApp({ env, print: (line) => printed.push(line) });
  server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function post(path: string, body: string, headers: Record<string, string>) {
  return fetch(`${origin}${path}`, { method: 'POST', headers: { ...json, ...headers }, body });
}

function signedHeaders(delivery: Delivery): Record<string, string> {
  const sender = senders[delivery.provider] as WebhookScheme;
  const signature = sender.sign({
    body: delivery.body,
    ...(delivery.url === undefined ? {} : { url: delivery.url }),
    ...(delivery.id === undefined ? {} : { id: delivery.id }),
  });
  return { ...delivery.headers, ...signature };
}

describe('signed deliveries', () => {
  test.each(deliveries)('$provider prints "$line"', async (delivery) => {
    const response = await post(`/${delivery.provider}`, delivery.body, signedHeaders(delivery));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'handled' });
    expect(printed).toContain(delivery.line);
  });

  test('mailgun prints the event and its token', async () => {
    const signature = mailgunSignature(env.MAILGUN_WEBHOOK_SECRET, Date.now(), 'token-1');
    const body = JSON.stringify({ signature, 'event-data': { event: 'delivered' } });
    const response = await post('/mailgun', body, {});
    expect(response.status).toBe(200);
    expect(printed).toContain('mailgun delivered token-1');
  });

  test('every route handled exactly one event', () => {
    const handled = printed.filter((line) => !line.startsWith('skipped'));
    expect(handled).toHaveLength(deliveries.length + 1);
  });
});

describe('rejections and handshakes', () => {
  test('a tampered stripe body gets 401', async () => {
    const [first] = deliveries;
    const headers = signedHeaders(first as Delivery);
    const response = await post('/stripe', `${first?.body} `, headers);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  test('slack url_verification returns its challenge', async () => {
    const body = '{"type":"url_verification","challenge":"challenge-1"}';
    const response = await post('/slack', body, senders.slack?.sign({ body }) ?? {});
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('challenge-1');
  });

  test('discord PING returns {"type":1}', async () => {
    const body = '{"type":1}';
    const response = await post('/discord', body, senders.discord?.sign({ body }) ?? {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  test('meta subscription check returns the challenge', async () => {
    const query = 'hub.mode=subscribe&hub.verify_token=meta-verify&hub.challenge=42';
    const response = await fetch(`${origin}/meta?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('42');
  });

  test('meta subscription check with a wrong token gets 403', async () => {
    const query = 'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42';
    const response = await fetch(`${origin}/meta?${query}`);
    expect(response.status).toBe(403);
  });

  test('zoom url validation returns the encrypted token', async () => {
    const body = '{"event":"endpoint.url_validation","payload":{"plainToken":"p-1"}}';
    const response = await post('/zoom', body, senders.zoom?.sign({ body }) ?? {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ plainToken: 'p-1' });
  });
});

test('a route with no secret is skipped', () => {
  const lines: string[] = [];
  createProvidersApp({ env: {}, print: (line) => lines.push(line) });
  expect(lines).toHaveLength(15);
  expect(lines[0]).toBe('skipped /stripe: set STRIPE_WEBHOOK_SECRET');
});
