import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createWebhooks, type Delivery } from '@hookline/core';
import { mailgun } from '@hookline/providers';
import { codeOf, statusOf } from './helpers.js';
import { now, schemeCases, signedDelivery } from './cases.js';

const headerText = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[0-9a-fA-F=,;:tvh0-9. ]{0,140}$/),
  fc.base64String({ maxLength: 120 }),
);

const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null');

describe.each(schemeCases)('$name with random input', (schemeCase) => {
  const scheme = schemeCase.create(schemeCase.keys[0]);

  test('raises only 401 errors for random signed headers', () => {
    const headers = [schemeCase.signatureHeader, schemeCase.timestampHeader].filter(
      (name): name is string => name !== undefined && name !== 'body',
    );
    fc.assert(
      fc.property(fc.array(headerText, { minLength: 2, maxLength: 2 }), (values) => {
        const delivery = signedDelivery(schemeCase, now);
        const replaced: Record<string, string> = {
          ...(delivery.headers as Record<string, string>),
        };
        headers.forEach((name, index) => {
          replaced[name] = values[index] ?? '';
        });
        const run = () => scheme.verify({ ...delivery, headers: replaced }, { now });
        const code = codeOf(run);
        expect(code).not.toBe('not a hookline error');
        if (code !== 'none') expect(statusOf(run)).toBe(401);
      }),
      { numRuns: 150 },
    );
  });

  test('answers any signed JSON body below 500', async () => {
    const webhooks = createWebhooks({ scheme, clock: () => now });
    webhooks.onAny(() => {});
    await fc.assert(
      fc.asyncProperty(jsonValue, async (body) => {
        if (!schemeCase.json) return;
        const delivery: Delivery = signedDelivery(schemeCase, now, body);
        const outcome = await webhooks.receive(delivery);
        expect(outcome.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});

test('mailgun raises only 401 errors for random bodies', () => {
  const scheme = mailgun({ secret: 'mailgun-key' });
  const signature = fc.record({
    timestamp: fc.oneof(fc.string(), fc.integer()),
    token: fc.oneof(fc.string(), fc.constant(undefined)),
    signature: fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-f]{64}$/)),
  });
  const body = fc.oneof(
    fc.string(),
    jsonValue,
    signature.map((value) => JSON.stringify({ signature: value })),
  );
  fc.assert(
    fc.property(body, fc.boolean(), (text, isForm) => {
      const headers = isForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
      const run = () => scheme.verify({ headers, body: text }, { now });
      expect(codeOf(run)).not.toBe('not a hookline error');
      expect(statusOf(run)).toBe(401);
    }),
    { numRuns: 300 },
  );
});
