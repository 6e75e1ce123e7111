import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  errorCodes,
  isConfigurationError,
  isPayloadError,
  isVerificationError,
  isWebhookError,
  WebhookConfigurationError,
  WebhookError,
  WebhookPayloadError,
  WebhookVerificationError,
} from '@hookline/core';

describe('error registry', () => {
  test('gives every code a status between 400 and 599', () => {
    for (const info of Object.values(errorCodes)) {
      expect(info.status).toBeGreaterThanOrEqual(400);
      expect(info.status).toBeLessThan(600);
    }
  });

  test('answers 401 for every verification code but a wrong verify token', () => {
    const statuses = Object.entries(errorCodes)
      .filter(
        ([code, info]) => info.kind === 'verification' && code !== 'HOOKLINE_VERIFY_TOKEN_MISMATCH',
      )
      .map(([, info]) => info.status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(errorCodes.HOOKLINE_VERIFY_TOKEN_MISMATCH.status).toBe(403);
  });

  test('lists the codes the README documents', () => {
    expect(Object.keys(errorCodes).sort()).toMatchInlineSnapshot(`
      [
        "HOOKLINE_BODY_CONSUMED",
        "HOOKLINE_BODY_TOO_LARGE",
        "HOOKLINE_DUPLICATE_IN_PROGRESS",
        "HOOKLINE_HANDLER_FAILED",
        "HOOKLINE_INTERNAL_ERROR",
        "HOOKLINE_INVALID_BODY",
        "HOOKLINE_INVALID_CONFIG",
        "HOOKLINE_INVALID_JSON",
        "HOOKLINE_MALFORMED_HEADER",
        "HOOKLINE_METHOD_NOT_ALLOWED",
        "HOOKLINE_MISSING_EVENT_TYPE",
        "HOOKLINE_MISSING_HEADER",
        "HOOKLINE_MISSING_SIGNATURE",
        "HOOKLINE_SCHEMA_MISMATCH",
        "HOOKLINE_SIGNATURE_MISMATCH",
        "HOOKLINE_STORE_UNAVAILABLE",
        "HOOKLINE_TIMESTAMP_INVALID",
        "HOOKLINE_TIMESTAMP_TOO_NEW",
        "HOOKLINE_TIMESTAMP_TOO_OLD",
        "HOOKLINE_UNKNOWN_EVENT_TYPE",
        "HOOKLINE_UNSUPPORTED_ENCODING",
        "HOOKLINE_VERIFY_TOKEN_MISMATCH",
      ]
    `);
  });
});

test('documents every code with its status in the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const [code, info] of Object.entries(errorCodes)) {
    expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${info.status}`));
  }
});

describe('error classes and guards', () => {
  test('takes status and kind from the registry', () => {
    const error = new WebhookVerificationError('HOOKLINE_SIGNATURE_MISMATCH', 'no match');
    expect(error.status).toBe(401);
    expect(error.kind).toBe('verification');
    expect(error).toBeInstanceOf(WebhookError);
    expect(error.name).toBe('WebhookVerificationError');
  });

  test('recognises errors from another copy of the package', () => {
    const foreign = Object.assign(new Error('copy'), {
      code: 'HOOKLINE_INVALID_JSON',
      kind: 'payload',
    });
    Object.defineProperty(foreign, Symbol.for('hookline.webhook-error'), { value: true });
    expect(foreign).not.toBeInstanceOf(WebhookError);
    expect(isWebhookError(foreign)).toBe(true);
    expect(isPayloadError(foreign)).toBe(true);
  });

  test('tells the kinds apart', () => {
    const payload = new WebhookPayloadError('HOOKLINE_INVALID_JSON', 'bad');
    const config = new WebhookConfigurationError('missing secret');
    expect(isPayloadError(payload)).toBe(true);
    expect(isVerificationError(payload)).toBe(false);
    expect(isConfigurationError(config)).toBe(true);
    expect(config.code).toBe('HOOKLINE_INVALID_CONFIG');
    expect(isWebhookError(new Error('plain'))).toBe(false);
    expect(isWebhookError(null)).toBe(false);
  });
});
