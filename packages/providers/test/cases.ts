import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Delivery, SecretInput, WebhookScheme } from '@hookline/core';
import {
  discord,
  github,
  gitea,
  hmac,
  intercom,
  lemonSqueezy,
  linear,
  meta,
  paddle,
  sendgrid,
  shopify,
  slack,
  square,
  standardWebhooksV1a,
  stripe,
  twilio,
  typeform,
  vercel,
  zoom,
} from '@hookline/providers';

/** One scheme under test: how to build it from keys and how to sign a delivery for it. */
export interface SchemeCase {
  name: string;
  /** Builds the receiving scheme from one key or a rotation list. */
  create(keys: SecretInput<string>): WebhookScheme;
  /** Two unrelated keys: the sender signs with `keys[0]`. */
  keys: [string, string];
  /** The sender's scheme, able to sign. */
  signer: WebhookScheme;
  /** The signature header, for missing and malformed tests. */
  signatureHeader: string;
  /** A syntactically wrong value for the signature header. */
  malformed: string;
  /** The signed timestamp header, when the scheme has one; `'body'` for Linear. */
  timestampHeader?: string;
  tolerance?: number;
  /** Whether the body is JSON that can be re-serialised. */
  json: boolean;
  body(now: number): string;
  /** Extra headers and URL the delivery needs. */
  extra?: { headers?: Record<string, string>; url?: string };
}

export const now = Date.UTC(2026, 0, 15, 12, 0, 0);

function keyPair(type: 'ed25519' | 'ec'): { publicKey: KeyObject; privateKey: KeyObject } {
  return type === 'ec'
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : generateKeyPairSync('ed25519');
}

function rawEd25519(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(12);
}

const discordPairs = [keyPair('ed25519'), keyPair('ed25519')];
const discordKeys = discordPairs.map((pair) => rawEd25519(pair.publicKey).toString('hex'));
const v1aKeys = discordPairs.map((pair) => `whpk_${rawEd25519(pair.publicKey).toString('base64')}`);
const ecPairs = [keyPair('ec'), keyPair('ec')];
const ecKeys = ecPairs.map((pair) =>
  pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
);

const json = (value: unknown) => () => JSON.stringify(value);
const hmacKeys: [string, string] = ['first-secret-value', 'second-secret-value'];

/** Signs `body` with `scheme` at `at` and returns the delivery a sender would make. */
export function signedDelivery(schemeCase: SchemeCase, at: number, body?: string): Delivery {
  const text = body ?? schemeCase.body(at);
  const url = schemeCase.extra?.url;
  const headers = schemeCase.signer.sign({
    body: text,
    timestamp: at,
    id: 'delivery-1',
    ...(url === undefined ? {} : { url }),
    ...(schemeCase.extra?.headers === undefined ? {} : { headers: schemeCase.extra.headers }),
  });
  const delivery: Delivery = { headers: { ...schemeCase.extra?.headers, ...headers }, body: text };
  if (url !== undefined) delivery.url = url;
  return delivery;
}

function hmacCase(
  base: Omit<SchemeCase, 'signer' | 'keys' | 'json'> & { json?: boolean },
): SchemeCase {
  return { json: true, ...base, keys: hmacKeys, signer: base.create(hmacKeys[0]) };
}

export const schemeCases: SchemeCase[] = [
  hmacCase({
    name: 'stripe',
    create: (secret) => stripe({ secret }),
    signatureHeader: 'stripe-signature',
    malformed: `t=${now / 1000},v1=zz`,
    timestampHeader: 'stripe-signature',
    body: json({ id: 'evt_1', type: 'checkout.session.completed', data: { object: {} } }),
  }),
  hmacCase({
    name: 'github',
    create: (secret) => github({ secret }),
    signatureHeader: 'x-hub-signature-256',
    malformed: 'sha256=abc',
    body: json({ action: 'opened', issue: { number: 1 } }),
    extra: { headers: { 'x-github-event': 'issues', 'x-github-delivery': 'guid-1' } },
  }),
  hmacCase({
    name: 'slack',
    create: (secret) => slack({ secret }),
    signatureHeader: 'x-slack-signature',
    malformed: 'v0=not-hex',
    timestampHeader: 'x-slack-request-timestamp',
    body: json({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention' } }),
  }),
  hmacCase({
    name: 'shopify',
    create: (secret) => shopify({ secret }),
    signatureHeader: 'x-shopify-hmac-sha256',
    malformed: 'not base64!',
    body: json({ id: 820982911946154508 }),
    extra: { headers: { 'x-shopify-topic': 'orders/create' } },
  }),
  hmacCase({
    name: 'paddle',
    create: (secret) => paddle({ secret }),
    signatureHeader: 'paddle-signature',
    malformed: `ts=${now / 1000};h1=123`,
    timestampHeader: 'paddle-signature',
    body: json({ event_id: 'evt_1', event_type: 'transaction.completed', data: {} }),
  }),
  hmacCase({
    name: 'linear',
    create: (secret) => linear({ secret }),
    signatureHeader: 'linear-signature',
    malformed: 'g'.repeat(64),
    timestampHeader: 'body',
    tolerance: 60,
    body: (at) => JSON.stringify({ action: 'create', type: 'Issue', webhookTimestamp: at }),
  }),
  hmacCase({
    name: 'zoom',
    create: (secret) => zoom({ secret }),
    signatureHeader: 'x-zm-signature',
    malformed: `v0=${'a'.repeat(63)}`,
    timestampHeader: 'x-zm-request-timestamp',
    body: json({ event: 'meeting.started', payload: { object: { id: '1' } } }),
  }),
  hmacCase({
    name: 'twilio (form)',
    create: (secret) => twilio({ secret, url: 'https://example.com/twilio' }),
    signatureHeader: 'x-twilio-signature',
    malformed: 'AAAA',
    json: false,
    body: () => 'CallSid=CA1&CallStatus=ringing&From=%2B15550001',
    extra: {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      url: 'https://example.com/twilio',
    },
  }),
  hmacCase({
    name: 'square',
    create: (secret) => square({ secret, notificationUrl: 'https://example.com/square' }),
    signatureHeader: 'x-square-hmacsha256-signature',
    malformed: '%%%',
    body: json({ type: 'payment.updated', event_id: 'e1', data: {} }),
    extra: { url: 'https://example.com/square' },
  }),
  hmacCase({
    name: 'meta',
    create: (secret) => meta({ secret }),
    signatureHeader: 'x-hub-signature-256',
    malformed: 'sha1=abcdef',
    body: json({ object: 'page', entry: [] }),
  }),
  hmacCase({
    name: 'intercom',
    create: (secret) => intercom({ secret }),
    signatureHeader: 'x-hub-signature',
    malformed: 'sha1=',
    body: json({ type: 'notification_event', topic: 'ping', id: 'notif_1' }),
  }),
  hmacCase({
    name: 'gitea',
    create: (secret) => gitea({ secret }),
    signatureHeader: 'x-gitea-signature',
    malformed: 'abc',
    body: json({ ref: 'refs/heads/main' }),
    extra: { headers: { 'x-gitea-event': 'push' } },
  }),
  hmacCase({
    name: 'lemon squeezy',
    create: (secret) => lemonSqueezy({ secret }),
    signatureHeader: 'x-signature',
    malformed: 'xyz',
    body: json({ meta: { event_name: 'order_created' }, data: {} }),
  }),
  hmacCase({
    name: 'typeform',
    create: (secret) => typeform({ secret }),
    signatureHeader: 'typeform-signature',
    malformed: 'sha256=@@@@',
    body: json({ event_id: 'e1', event_type: 'form_response', form_response: {} }),
  }),
  hmacCase({
    name: 'vercel',
    create: (secret) => vercel({ secret }),
    signatureHeader: 'x-vercel-signature',
    malformed: 'a'.repeat(41),
    body: json({ id: 'e1', type: 'deployment.created', payload: {} }),
  }),
  hmacCase({
    name: 'hmac sha512 base64 with timestamp',
    create: (secret) =>
      hmac({
        name: 'acme',
        secret,
        header: 'X-Acme-Signature',
        algorithm: 'sha512',
        encoding: 'base64',
        prefix: 'v1=',
        content: [{ header: 'X-Acme-Timestamp' }, { text: '.' }, 'body'],
        timestampHeader: 'X-Acme-Timestamp',
      }),
    signatureHeader: 'x-acme-signature',
    malformed: 'v1=AAAA',
    timestampHeader: 'x-acme-timestamp',
    body: json({ type: 'thing.created', id: 't1' }),
  }),
  {
    name: 'discord',
    create: (publicKey) => discord({ publicKey }),
    keys: discordKeys as [string, string],
    signer: discord({ publicKey: discordKeys[0] ?? '', privateKey: discordPairs[0]!.privateKey }),
    signatureHeader: 'x-signature-ed25519',
    malformed: 'ab'.repeat(63),
    timestampHeader: 'x-signature-timestamp',
    json: true,
    body: json({ type: 2, id: 'i1', data: { name: 'hello' } }),
  },
  {
    name: 'sendgrid',
    create: (publicKey) => sendgrid({ publicKey }),
    keys: ecKeys as [string, string],
    signer: sendgrid({ publicKey: ecKeys[0] ?? '', privateKey: ecPairs[0]!.privateKey }),
    signatureHeader: 'x-twilio-email-event-webhook-signature',
    malformed: 'not*base64',
    timestampHeader: 'x-twilio-email-event-webhook-timestamp',
    json: true,
    body: json([{ event: 'delivered', sg_event_id: 's1' }]),
  },
  {
    name: 'standard webhooks v1a',
    create: (publicKey) => standardWebhooksV1a({ publicKey }),
    keys: v1aKeys as [string, string],
    signer: standardWebhooksV1a({
      publicKey: v1aKeys[0] ?? '',
      privateKey: discordPairs[0]!.privateKey,
    }),
    signatureHeader: 'webhook-signature',
    malformed: 'v1a,short',
    timestampHeader: 'webhook-timestamp',
    json: true,
    body: json({ type: 'invoice.paid', timestamp: '2026-01-15T12:00:00Z', data: {} }),
  },
];
