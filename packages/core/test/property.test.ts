import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isVerificationError, standardWebhooks } from '@hookline/core';

const scheme = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
const now = 1_700_000_000_000;
const seconds = now / 1000;

const deliveryArbitrary = fc.record({
  id: fc.stringMatching(/^msg_[A-Za-z0-9]{1,24}$/),
  body: fc.uint8Array({ maxLength: 512 }),
});

function sign(id: string, body: Uint8Array) {
  return scheme.sign({ id, body, timestamp: now });
}

function rejects(headers: Record<string, string>, body: Uint8Array): boolean {
  try {
    scheme.verify({ headers, body }, { now });
    return false;
  } catch (error) {
    return isVerificationError(error);
  }
}

describe('standard webhooks property checks', () => {
  test('accepts every delivery it signs', () => {
    fc.assert(
      fc.property(deliveryArbitrary, ({ id, body }) => {
        expect(scheme.verify({ headers: sign(id, body), body }, { now }).id).toBe(id);
      }),
    );
  });

  test('rejects any change to the body', () => {
    fc.assert(
      fc.property(
        deliveryArbitrary,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        ({ id, body }, at, flip) => {
          const tampered = Buffer.from(body);
          if (tampered.length === 0) return rejects(sign(id, body), Buffer.from([flip]));
          const index = at % tampered.length;
          tampered[index] = (tampered[index] as number) ^ flip;
          return rejects(sign(id, body), tampered);
        },
      ),
    );
  });

  test('rejects a body with bytes added or removed', () => {
    fc.assert(
      fc.property(
        deliveryArbitrary,
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        ({ id, body }, extra) => {
          const headers = sign(id, body);
          const longer = rejects(headers, Buffer.concat([body, extra]));
          const shorter = body.length === 0 || rejects(headers, body.subarray(0, body.length - 1));
          return longer && shorter;
        },
      ),
    );
  });

  test('rejects any other id', () => {
    fc.assert(
      fc.property(
        deliveryArbitrary,
        fc.stringMatching(/^msg_[A-Za-z0-9]{1,24}$/),
        ({ id, body }, other) => {
          fc.pre(other !== id);
          return rejects({ ...sign(id, body), 'webhook-id': other }, body);
        },
      ),
    );
  });

  test('rejects any other timestamp within the tolerance', () => {
    fc.assert(
      fc.property(deliveryArbitrary, fc.integer({ min: -300, max: 300 }), ({ id, body }, shift) => {
        fc.pre(shift !== 0);
        return rejects({ ...sign(id, body), 'webhook-timestamp': String(seconds + shift) }, body);
      }),
    );
  });

  test('rejects any change to the signature', () => {
    fc.assert(
      fc.property(
        deliveryArbitrary,
        fc.nat(31),
        fc.integer({ min: 1, max: 255 }),
        ({ id, body }, at, flip) => {
          const headers = sign(id, body);
          const signature = Buffer.from(
            (headers['webhook-signature'] as string).slice(3),
            'base64',
          );
          signature[at] = (signature[at] as number) ^ flip;
          return rejects(
            { ...headers, 'webhook-signature': `v1,${signature.toString('base64')}` },
            body,
          );
        },
      ),
    );
  });

  test('rejects arbitrary signature header text', () => {
    fc.assert(
      fc.property(deliveryArbitrary, fc.string({ maxLength: 200 }), ({ id, body }, text) => {
        return rejects({ ...sign(id, body), 'webhook-signature': text }, body);
      }),
    );
  });
});
