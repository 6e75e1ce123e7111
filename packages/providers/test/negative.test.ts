import { describe, expect, test } from 'vitest';
import { isConfigurationError, type Delivery } from '@hookline/core';
import { codeOf, statusOf } from './helpers.js';
import { now, schemeCases, signedDelivery } from './cases.js';

function withHeader(delivery: Delivery, name: string, value: string | undefined): Delivery {
  const headers = { ...(delivery.headers as Record<string, string>) };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...delivery, headers };
}

function reserialise(body: string): string {
  return JSON.stringify(JSON.parse(body), null, 2);
}

describe.each(schemeCases)('$name', (schemeCase) => {
  const scheme = schemeCase.create(schemeCase.keys[0]);
  const verify =
    (delivery: Delivery, at = now) =>
    () =>
      scheme.verify(delivery, { now: at });

  test('accepts its own signature', () => {
    expect(codeOf(verify(signedDelivery(schemeCase, now)))).toBe('none');
  });

  test('rejects a tampered body', () => {
    const delivery = signedDelivery(schemeCase, now);
    const tampered = { ...delivery, body: `${String(delivery.body)} ` };
    const code = codeOf(verify(tampered));
    expect(code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  test('rejects the wrong secret', () => {
    const other = schemeCase.create(schemeCase.keys[1]);
    const delivery = signedDelivery(schemeCase, now);
    expect(codeOf(() => other.verify(delivery, { now }))).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  test('accepts rotation with the valid key first', () => {
    const rotating = schemeCase.create([schemeCase.keys[0], schemeCase.keys[1]]);
    const delivery = signedDelivery(schemeCase, now);
    expect(codeOf(() => rotating.verify(delivery, { now }))).toBe('none');
  });

  test('accepts rotation with the valid key last', () => {
    const rotating = schemeCase.create([schemeCase.keys[1], schemeCase.keys[0]]);
    const delivery = signedDelivery(schemeCase, now);
    expect(codeOf(() => rotating.verify(delivery, { now }))).toBe('none');
  });

  test.runIf(schemeCase.json)('rejects re-serialised JSON', () => {
    const delivery = signedDelivery(schemeCase, now);
    const reformatted = { ...delivery, body: reserialise(String(delivery.body)) };
    expect(codeOf(verify(reformatted))).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  });

  test('rejects a missing signature header with 401', () => {
    const delivery = withHeader(
      signedDelivery(schemeCase, now),
      schemeCase.signatureHeader,
      undefined,
    );
    expect(codeOf(verify(delivery))).toBe('HOOKLINE_MISSING_HEADER');
    expect(statusOf(verify(delivery))).toBe(401);
  });

  test('rejects a malformed signature with 401', () => {
    const delivery = withHeader(
      signedDelivery(schemeCase, now),
      schemeCase.signatureHeader,
      schemeCase.malformed,
    );
    expect(codeOf(verify(delivery))).toBe('HOOKLINE_MALFORMED_HEADER');
    expect(statusOf(verify(delivery))).toBe(401);
  });

  test.each(['', ' ', ' padded', 'padded\n'])('rejects the secret %j at construction', (key) => {
    expect(codeOf(() => schemeCase.create(key))).toBe('HOOKLINE_INVALID_CONFIG');
  });

  test('rejects an undefined secret at construction', () => {
    let thrown: unknown;
    try {
      schemeCase.create(undefined);
    } catch (error) {
      thrown = error;
    }
    expect(isConfigurationError(thrown)).toBe(true);
  });

  const tolerance = schemeCase.tolerance ?? 300;
  test.runIf(schemeCase.timestampHeader)(`rejects a timestamp ${tolerance + 1} s old`, () => {
    const delivery = signedDelivery(schemeCase, now);
    expect(codeOf(verify(delivery, now + (tolerance + 1) * 1000))).toBe(
      'HOOKLINE_TIMESTAMP_TOO_OLD',
    );
    expect(codeOf(verify(delivery, now + tolerance * 1000))).toBe('none');
  });

  test.runIf(schemeCase.timestampHeader)(`rejects a timestamp ${tolerance + 1} s ahead`, () => {
    const delivery = signedDelivery(schemeCase, now);
    expect(codeOf(verify(delivery, now - (tolerance + 1) * 1000))).toBe(
      'HOOKLINE_TIMESTAMP_TOO_NEW',
    );
    expect(codeOf(verify(delivery, now - tolerance * 1000))).toBe('none');
  });

  const header = schemeCase.timestampHeader;
  test.runIf(header !== undefined && header !== 'body' && header !== schemeCase.signatureHeader)(
    'rejects a non-numeric timestamp',
    () => {
      const delivery = withHeader(signedDelivery(schemeCase, now), header ?? '', '17e8');
      expect(codeOf(verify(delivery))).toBe('HOOKLINE_TIMESTAMP_INVALID');
    },
  );
});
