import { describe, expect, test, vi } from 'vitest';
import { createWebhooks, type Delivery, type WebhookScheme } from '@hookline/core';
import { mailgun, mailgunSignature, meta, slack, zoom } from '@hookline/providers';
import { now, schemeCases, signedDelivery } from './cases.js';

function caseNamed(name: string) {
  const found = schemeCases.find((schemeCase) => schemeCase.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return found;
}

function receiver(scheme: WebhookScheme) {
  return createWebhooks({ scheme, clock: () => now });
}

interface Route {
  name: string;
  type: string;
  id: string | undefined;
  delivery: () => Delivery;
  scheme: () => WebhookScheme;
}

const signed = (name: string, body?: string) => () => signedDelivery(caseNamed(name), now, body);
const schemeOf = (name: string) => () => caseNamed(name).create(caseNamed(name).keys[0]);

const routes: Route[] = [
  {
    name: 'stripe',
    type: 'checkout.session.completed',
    id: 'evt_1',
    delivery: signed('stripe'),
    scheme: schemeOf('stripe'),
  },
  {
    name: 'github',
    type: 'issues.opened',
    id: 'delivery-1',
    delivery: signed('github'),
    scheme: schemeOf('github'),
  },
  {
    name: 'slack',
    type: 'app_mention',
    id: 'Ev1',
    delivery: signed('slack'),
    scheme: schemeOf('slack'),
  },
  {
    name: 'shopify',
    type: 'orders/create',
    id: 'delivery-1',
    delivery: signed('shopify'),
    scheme: schemeOf('shopify'),
  },
  {
    name: 'paddle',
    type: 'transaction.completed',
    id: 'evt_1',
    delivery: signed('paddle'),
    scheme: schemeOf('paddle'),
  },
  {
    name: 'linear',
    type: 'Issue.create',
    id: 'delivery-1',
    delivery: signed('linear'),
    scheme: schemeOf('linear'),
  },
  {
    name: 'zoom',
    type: 'meeting.started',
    id: undefined,
    delivery: signed('zoom'),
    scheme: schemeOf('zoom'),
  },
  {
    name: 'twilio (form)',
    type: 'call.ringing',
    id: undefined,
    delivery: signed('twilio (form)'),
    scheme: schemeOf('twilio (form)'),
  },
  {
    name: 'square',
    type: 'payment.updated',
    id: 'e1',
    delivery: signed('square'),
    scheme: schemeOf('square'),
  },
  { name: 'meta', type: 'page', id: undefined, delivery: signed('meta'), scheme: schemeOf('meta') },
  {
    name: 'intercom',
    type: 'ping',
    id: 'notif_1',
    delivery: signed('intercom'),
    scheme: schemeOf('intercom'),
  },
  {
    name: 'discord',
    type: 'APPLICATION_COMMAND',
    id: 'i1',
    delivery: signed('discord'),
    scheme: schemeOf('discord'),
  },
  {
    name: 'sendgrid',
    type: 'events',
    id: undefined,
    delivery: signed('sendgrid'),
    scheme: schemeOf('sendgrid'),
  },
  {
    name: 'standard webhooks v1a',
    type: 'invoice.paid',
    id: 'delivery-1',
    delivery: signed('standard webhooks v1a'),
    scheme: schemeOf('standard webhooks v1a'),
  },
];

describe.each(routes)('routing $name', (route) => {
  test(`runs the ${route.type} handler once`, async () => {
    const webhooks = receiver(route.scheme());
    const handler = vi.fn();
    const other = vi.fn();
    webhooks.on(route.type, handler);
    webhooks.on('some.other.type', other);

    const outcome = await webhooks.receive(route.delivery());

    expect(outcome.status).toBe(200);
    expect(outcome.result).toBe('handled');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[0]).toMatchObject({ type: route.type, id: route.id });
    expect(other).not.toHaveBeenCalled();
  });

  test('answers a forged delivery 401 without handlers', async () => {
    const webhooks = receiver(route.scheme());
    const handler = vi.fn();
    webhooks.onAny(handler);
    const delivery = route.delivery();
    const forged = { ...delivery, body: `${String(delivery.body)} ` };

    const outcome = await webhooks.receive(forged);

    expect(outcome.status).toBe(401);
    expect(outcome.error?.code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
    expect(handler).not.toHaveBeenCalled();
  });
});

test('mailgun routes on event-data.event and drops a reused token', async () => {
  const key = 'mailgun-signing-key';
  const webhooks = receiver(mailgun({ secret: key }));
  const handler = vi.fn();
  webhooks.on('delivered', handler);
  const signature = mailgunSignature(key, now, 'token-1');
  const body = JSON.stringify({ signature, 'event-data': { event: 'delivered', id: 'm1' } });

  const first = await webhooks.receive({ headers: {}, body });
  const replay = await webhooks.receive({ headers: {}, body });

  expect(first.status).toBe(200);
  expect(first.result).toBe('handled');
  expect(handler.mock.calls[0]?.[0]).toMatchObject({ type: 'delivered', id: 'token-1' });
  expect(replay.status).toBe(200);
  expect(replay.result).toBe('duplicate');
  expect(handler).toHaveBeenCalledTimes(1);
});

describe('slack handshakes', () => {
  const secret = 'slack-signing-secret';
  const scheme = slack({ secret });
  const challengeBody = JSON.stringify({ type: 'url_verification', challenge: 'c-123' });

  test('answers url_verification with its challenge after verification', async () => {
    const webhooks = receiver(scheme);
    const handler = vi.fn();
    webhooks.onAny(handler);
    const headers = scheme.sign({ body: challengeBody, timestamp: now });

    const outcome = await webhooks.receive({ headers, body: challengeBody });

    expect(outcome.status).toBe(200);
    expect(outcome.result).toBe('handshake');
    expect(outcome.body).toBe('c-123');
    expect(handler).not.toHaveBeenCalled();
  });

  test('rejects an unsigned url_verification with 401', async () => {
    const outcome = await receiver(scheme).receive({ headers: {}, body: challengeBody });
    expect(outcome.status).toBe(401);
    expect(outcome.error?.code).toBe('HOOKLINE_MISSING_HEADER');
  });

  test('answers ssl_check 200 without handlers', async () => {
    const webhooks = receiver(scheme);
    const handler = vi.fn();
    webhooks.onAny(handler);
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = 'ssl_check=1&token=abc';

    const unsigned = await webhooks.receive({ headers, body });
    const signedOutcome = await webhooks.receive({
      headers: { ...headers, ...scheme.sign({ body, timestamp: now }) },
      body,
    });

    expect(unsigned.status).toBe(200);
    expect(unsigned.result).toBe('handshake');
    expect(signedOutcome.status).toBe(200);
    expect(signedOutcome.result).toBe('handshake');
    expect(handler).not.toHaveBeenCalled();
  });

  test('routes an interactivity payload= form on its type', async () => {
    const webhooks = receiver(scheme);
    const handler = vi.fn();
    webhooks.on('block_actions', handler);
    const body = new URLSearchParams({
      payload: JSON.stringify({ type: 'block_actions', trigger_id: 't-1', actions: [] }),
    }).toString();
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...scheme.sign({ body, timestamp: now }),
    };

    const outcome = await webhooks.receive({ headers, body });

    expect(outcome.status).toBe(200);
    expect(handler.mock.calls[0]?.[0]).toMatchObject({ type: 'block_actions', id: 't-1' });
  });

  test('routes a slash command on the command name', async () => {
    const webhooks = receiver(scheme);
    const handler = vi.fn();
    webhooks.on('/deploy', handler);
    const body = 'command=%2Fdeploy&text=prod&trigger_id=t-2';
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...scheme.sign({ body, timestamp: now }),
    };

    const outcome = await webhooks.receive({ headers, body });

    expect(outcome.status).toBe(200);
    expect(handler.mock.calls[0]?.[0]).toMatchObject({ type: '/deploy', data: { text: 'prod' } });
  });
});

describe('discord handshakes', () => {
  const discordCase = caseNamed('discord');

  test('answers PING with {"type":1} after verification', async () => {
    const webhooks = receiver(discordCase.create(discordCase.keys[0]));
    const handler = vi.fn();
    webhooks.onAny(handler);

    const outcome = await webhooks.receive(signedDelivery(discordCase, now, '{"type":1}'));

    expect(outcome.status).toBe(200);
    expect(outcome.body).toBe('{"type":1}');
    expect(handler).not.toHaveBeenCalled();
  });

  test('answers a PING with a bad signature 401', async () => {
    const webhooks = receiver(discordCase.create(discordCase.keys[1]));
    const outcome = await webhooks.receive(signedDelivery(discordCase, now, '{"type":1}'));
    expect(outcome.status).toBe(401);
    expect(outcome.error?.code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  test('replies to a slash command with the handler response', async () => {
    const webhooks = receiver(discordCase.create(discordCase.keys[0]));
    webhooks.on('APPLICATION_COMMAND', (_event, context) => {
      context.respond({ type: 4, data: { content: 'pong' } });
    });
    const body = '{"type":2,"id":"interaction_1","data":{"name":"ping"}}';

    const outcome = await webhooks.receive(signedDelivery(discordCase, now, body));

    expect(outcome.status).toBe(200);
    expect(JSON.parse(outcome.body)).toEqual({ type: 4, data: { content: 'pong' } });
  });

  test('answers a webhook event PING 204', async () => {
    const webhooks = receiver(discordCase.create(discordCase.keys[0]));
    const body = '{"version":1,"application_id":"1","type":0}';
    const outcome = await webhooks.receive(signedDelivery(discordCase, now, body));
    expect(outcome.status).toBe(204);
    expect(outcome.result).toBe('handshake');
  });
});

describe('zoom handshakes', () => {
  const scheme = zoom({ secret: 'zoom-secret' });
  const body = JSON.stringify({
    event: 'endpoint.url_validation',
    payload: { plainToken: 'plain' },
  });

  test('answers endpoint.url_validation after verification', async () => {
    const webhooks = receiver(scheme);
    const headers = scheme.sign({ body, timestamp: now });
    const outcome = await webhooks.receive({ headers, body });
    expect(outcome.status).toBe(200);
    expect(JSON.parse(outcome.body)).toMatchObject({ plainToken: 'plain' });
  });

  test('rejects an unsigned endpoint.url_validation with 401', async () => {
    const outcome = await receiver(scheme).receive({ headers: {}, body });
    expect(outcome.status).toBe(401);
  });
});

describe('meta subscription check', () => {
  const scheme = meta({ secret: 'app-secret', verifyToken: 'verify-me' });
  const check = (token: string, mode = 'subscribe'): Delivery => ({
    method: 'GET',
    headers: {},
    body: '',
    url: `/meta?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=1158201444`,
  });

  test('answers hub.challenge when the verify token matches', async () => {
    const outcome = await receiver(scheme).receive(check('verify-me'));
    expect(outcome.status).toBe(200);
    expect(outcome.body).toBe('1158201444');
  });

  test.each([
    ['a wrong token', check('verify-mf')],
    ['a longer token', check('verify-me-too')],
    ['an empty token', check('')],
    ['another hub.mode', check('verify-me', 'unsubscribe')],
  ])('answers 403 for %s', async (_title, delivery) => {
    const outcome = await receiver(scheme).receive(delivery);
    expect(outcome.status).toBe(403);
    expect(outcome.error?.code).toBe('HOOKLINE_VERIFY_TOKEN_MISMATCH');
  });

  test('answers a GET 405 when no verify token is configured', async () => {
    const outcome = await receiver(meta({ secret: 'app-secret' })).receive(check('verify-me'));
    expect(outcome.status).toBe(405);
  });
});
