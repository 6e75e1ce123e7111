import type { Buffer } from 'node:buffer';
import { bodyToText, createMemoryStore, createWebhooks, standardWebhooks } from '@hookline/core';
import { github, stripe as stripeScheme } from '@hookline/providers';
import { Webhooks as OctokitWebhooks } from '@octokit/webhooks';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import {
  fixedSeconds,
  githubSecret,
  makePayload,
  nowSeconds,
  signGithub,
  signStandard,
  signStripe,
  standardSecret,
  stripeSecret,
  tamper,
} from '../lib/deliveries.js';
import { floorReceive, floorVerify, orderSchema } from '../lib/floor.js';

/** Candidates are compared only with others of the same group, which do the same work. */
export type MicroGroup = 'verify' | 'verify + JSON.parse' | 'receive';

/** The two calls the harness makes on one candidate at one body size. */
export interface PreparedCandidate {
  /** Handles a validly signed delivery; resolves to true when it was accepted. */
  valid: () => boolean | Promise<boolean>;
  /** Handles the same delivery with one body byte changed; must return false or throw. */
  tampered: () => boolean | Promise<boolean>;
}

export interface MicroCandidate {
  name: string;
  group: MicroGroup;
  /** The group's baseline, which every ratio in the group divides by. */
  baseline?: true;
  /** Whether this candidate is hookline. */
  hookline?: true;
  /** For a library: the hookline candidate that does the same work, to compare with. */
  compareWith?: string;
  /** Description of the work one call does, for the results table. */
  does: string;
  prepare(size: number): PreparedCandidate;
}

const fixedNowMs = fixedSeconds * 1000;
// Distinct ids make every delivery new to the dedupe store; see `hooklineReceive`.
const poolSize = 2048;

function standardDelivery(size: number, seconds = fixedSeconds) {
  const body = makePayload(size);
  return { body, tampered: tamper(body), headers: signStandard('msg_bench', seconds, body) };
}

function signedPool(body: Buffer): Record<string, string>[] {
  return Array.from({ length: poolSize }, (_, index) =>
    signStandard(`msg_${index.toString(36).padStart(8, '0')}`, fixedSeconds, body),
  );
}

const floor: MicroCandidate = {
  name: 'floor: node:crypto by hand',
  group: 'verify',
  baseline: true,
  does: 'createHmac over `id.timestamp.` + body, base64-decode each v1 token, timingSafeEqual',
  prepare(size) {
    const { body, tampered, headers } = standardDelivery(size);
    return {
      valid: () => floorVerify(headers, body, fixedNowMs),
      tampered: () => floorVerify(headers, tampered, fixedNowMs),
    };
  },
};

const hooklineVerify: MicroCandidate = {
  name: 'hookline standardWebhooks().verify',
  group: 'verify',
  hookline: true,
  does: 'the same checks through the scheme: header lookup, timestamp, HMAC, safeEqual',
  prepare(size) {
    const scheme = standardWebhooks({ secret: standardSecret });
    const { body, tampered, headers } = standardDelivery(size);
    return {
      valid: () => scheme.verify({ headers, body }, { now: fixedNowMs }).id === 'msg_bench',
      tampered: () => scheme.verify({ headers, body: tampered }, { now: fixedNowMs }) !== undefined,
    };
  },
};

const octokitMethods: MicroCandidate = {
  name: '@octokit/webhooks-methods verify',
  group: 'verify',
  compareWith: 'hookline github().verify',
  does: 'hex HMAC-SHA256 over the body alone (GitHub), body decoded to a string first; async',
  prepare(size) {
    const body = makePayload(size);
    const wrong = tamper(body);
    const signature = signGithub('bench', body)['x-hub-signature-256'] as string;
    return {
      valid: () => octokitVerify(githubSecret, body.toString('utf8'), signature),
      tampered: () => octokitVerify(githubSecret, wrong.toString('utf8'), signature),
    };
  },
};

const floorParse: MicroCandidate = {
  name: 'floor + JSON.parse',
  group: 'verify + JSON.parse',
  baseline: true,
  does: 'the floor, then JSON.parse of the body decoded as UTF-8',
  prepare(size) {
    const { body, tampered, headers } = standardDelivery(size);
    const run = (bytes: Buffer) =>
      floorVerify(headers, bytes, fixedNowMs) && JSON.parse(bytes.toString('utf8')) !== null;
    return { valid: () => run(body), tampered: () => run(tampered) };
  },
};

const hooklineParse: MicroCandidate = {
  name: 'hookline verify + JSON.parse',
  group: 'verify + JSON.parse',
  hookline: true,
  does: 'standardWebhooks().verify, then JSON.parse(bodyToText(body)) as receive() does',
  prepare(size) {
    const scheme = standardWebhooks({ secret: standardSecret });
    const { body, tampered, headers } = standardDelivery(size);
    const run = (bytes: Buffer) => {
      scheme.verify({ headers, body: bytes }, { now: fixedNowMs });
      return JSON.parse(bodyToText(bytes)) !== null;
    };
    return { valid: () => run(body), tampered: () => run(tampered) };
  },
};

const standardwebhooks: MicroCandidate = {
  name: 'standardwebhooks Webhook.verify',
  group: 'verify + JSON.parse',
  compareWith: 'hookline verify + JSON.parse',
  does: 'Standard Webhooks check with a pure-JS SHA-256 (fast-sha256); copies id + body; parses',
  prepare(size) {
    const webhook = new StandardWebhook(standardSecret);
    const { body, tampered, headers } = standardDelivery(size, nowSeconds());
    return {
      valid: () => webhook.verify(body, headers) !== undefined,
      tampered: () => webhook.verify(tampered, headers) !== undefined,
    };
  },
};

const svix: MicroCandidate = {
  name: 'svix Webhook.verify',
  group: 'verify + JSON.parse',
  compareWith: 'hookline verify + JSON.parse',
  does: 'maps svix-*/webhook-* headers, then the standardwebhooks check above; parses',
  prepare(size) {
    const webhook = new SvixWebhook(standardSecret);
    const { body, tampered, headers } = standardDelivery(size, nowSeconds());
    return {
      valid: () => webhook.verify(body, headers) !== undefined,
      tampered: () => webhook.verify(tampered, headers) !== undefined,
    };
  },
};

const stripe: MicroCandidate = {
  name: 'stripe webhooks.constructEvent',
  group: 'verify + JSON.parse',
  compareWith: 'hookline stripe().verify + JSON.parse',
  does: 'Stripe scheme: hex HMAC-SHA256 over `t.` + body as a string, compare, JSON.parse',
  prepare(size) {
    const client = new Stripe('sk_test_benchmark');
    const body = makePayload(size);
    const wrong = tamper(body);
    const header = signStripe(nowSeconds(), body)['stripe-signature'] as string;
    return {
      valid: () => client.webhooks.constructEvent(body, header, stripeSecret) !== undefined,
      tampered: () => client.webhooks.constructEvent(wrong, header, stripeSecret) !== undefined,
    };
  },
};

const floorPipeline: MicroCandidate = {
  name: 'floor pipeline: verify + JSON.parse + zod',
  group: 'receive',
  baseline: true,
  does: 'the floor, JSON.parse, type check, zod safeParse of data, await the handler',
  prepare(size) {
    const body = makePayload(size);
    const wrong = tamper(body);
    const pool = signedPool(body);
    let next = 0;
    const handler = () => undefined;
    return {
      valid: () => floorReceive(pool[next++ % poolSize] as never, body, handler, fixedNowMs),
      tampered: () => floorReceive(pool[0] as never, wrong, handler, fixedNowMs),
    };
  },
};

const hooklineReceive: MicroCandidate = {
  name: 'hookline createWebhooks().receive',
  group: 'receive',
  hookline: true,
  does: 'verify, JSON.parse, envelope, zod (Standard Schema), route, memory dedupe, handler',
  prepare(size) {
    const body = makePayload(size);
    const wrong = tamper(body);
    const pool = signedPool(body);
    // A store at its size limit: each delivery claims a new id and evicts the oldest one,
    // as in a receiver that has run for a while.
    const webhooks = createWebhooks({
      scheme: standardWebhooks({ secret: standardSecret }),
      events: { 'order.created': orderSchema },
      store: createMemoryStore({ maxEntries: poolSize / 2 }),
      clock: () => fixedNowMs,
    });
    webhooks.on('order.created', () => undefined);
    let next = 0;
    const receive = async (headers: Record<string, string>, bytes: Buffer) =>
      (await webhooks.receive({ headers, body: bytes })).result === 'handled';
    return {
      valid: () => receive(pool[next++ % poolSize] as Record<string, string>, body),
      tampered: () => receive(pool[0] as Record<string, string>, wrong),
    };
  },
};

const octokitReceive: MicroCandidate = {
  name: '@octokit/webhooks verifyAndReceive',
  group: 'receive',
  compareWith: 'hookline receive, github(), no schema, no dedupe',
  does: 'hex HMAC over the body (string), JSON.parse, emit to `on` handlers; no schema, no dedupe',
  prepare(size) {
    const webhooks = new OctokitWebhooks({ secret: githubSecret });
    webhooks.on('push', () => undefined);
    const body = makePayload(size);
    const wrong = tamper(body);
    const headers = signGithub('bench', body);
    const receive = async (bytes: Buffer) => {
      await webhooks.verifyAndReceive({
        id: headers['x-github-delivery'] as string,
        name: 'push',
        payload: bytes.toString('utf8'),
        signature: headers['x-hub-signature-256'] as string,
      });
      return true;
    };
    return { valid: () => receive(body), tampered: () => receive(wrong) };
  },
};

const hooklineGithubVerify: MicroCandidate = {
  name: 'hookline github().verify',
  group: 'verify',
  hookline: true,
  does: '@hookline/providers GitHub scheme: hex HMAC-SHA256 over the body bytes, safeEqual',
  prepare(size) {
    const scheme = github({ secret: githubSecret });
    const body = makePayload(size);
    const wrong = tamper(body);
    const headers = signGithub('bench', body);
    return {
      valid: () => scheme.verify({ headers, body }).id === 'bench',
      tampered: () => scheme.verify({ headers, body: wrong }) !== undefined,
    };
  },
};

const hooklineStripeParse: MicroCandidate = {
  name: 'hookline stripe().verify + JSON.parse',
  group: 'verify + JSON.parse',
  hookline: true,
  does: '@hookline/providers Stripe scheme over the body bytes, then JSON.parse(bodyToText(body))',
  prepare(size) {
    const scheme = stripeScheme({ secret: stripeSecret });
    const body = makePayload(size);
    const wrong = tamper(body);
    const headers = signStripe(fixedSeconds, body);
    const run = (bytes: Buffer) => {
      scheme.verify({ headers, body: bytes }, { now: fixedNowMs });
      return JSON.parse(bodyToText(bytes)) !== null;
    };
    return { valid: () => run(body), tampered: () => run(wrong) };
  },
};

const hooklineGithubReceive: MicroCandidate = {
  name: 'hookline receive, github(), no schema, no dedupe',
  group: 'receive',
  hookline: true,
  does: 'what octokit does, through createWebhooks: verify, JSON.parse, envelope, route, handler',
  prepare(size) {
    const webhooks = createWebhooks({ scheme: github({ secret: githubSecret }), store: false });
    webhooks.on('push', () => undefined);
    const body = makePayload(size);
    const wrong = tamper(body);
    const headers = signGithub('bench', body);
    const receive = async (bytes: Buffer) =>
      (await webhooks.receive({ headers, body: bytes })).result === 'handled';
    return { valid: () => receive(body), tampered: () => receive(wrong) };
  },
};

/** Every micro benchmark candidate, baselines first in each group. */
export const microCandidates: readonly MicroCandidate[] = [
  floor,
  hooklineVerify,
  hooklineGithubVerify,
  octokitMethods,
  floorParse,
  hooklineParse,
  standardwebhooks,
  svix,
  hooklineStripeParse,
  stripe,
  floorPipeline,
  hooklineReceive,
  hooklineGithubReceive,
  octokitReceive,
];

/**
 * Checks that a candidate accepts a valid delivery and rejects a tampered one, so a fast result
 * can never come from a verifier that skips its work.
 * @throws Error naming the candidate and the size when either check fails.
 */
export async function checkCandidate(candidate: MicroCandidate, size: number): Promise<void> {
  const prepared = candidate.prepare(size);
  if ((await prepared.valid()) !== true) {
    throw new Error(`${candidate.name} rejected a valid ${size} B delivery`);
  }
  let accepted = false;
  try {
    accepted = (await prepared.tampered()) !== false;
  } catch {
    accepted = false;
  }
  if (accepted) throw new Error(`${candidate.name} accepted a tampered ${size} B delivery`);
}
