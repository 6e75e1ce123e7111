import {
  decodeBase64,
  decodeHex,
  type HmacAlgorithm,
  WebhookConfigurationError,
  WebhookVerificationError,
} from '@hookline/core';

/** How a sender writes signature bytes in text. */
export type SignatureEncoding = 'hex' | 'base64';

/** Digest length in bytes of each HMAC algorithm. */
export const digestLength: Readonly<Record<HmacAlgorithm, number>> = {
  sha1: 20,
  sha256: 32,
  sha512: 64,
};

/**
 * Decodes one received signature, or returns `undefined` when it is not strict hex or base64 or
 * has the wrong number of bytes, so a malformed value is never compared.
 */
export function decodeSignature(
  text: string,
  encoding: SignatureEncoding,
  length: number,
): Uint8Array | undefined {
  const bytes = encoding === 'hex' ? decodeHex(text) : decodeBase64(text);
  return bytes !== undefined && bytes.byteLength === length ? bytes : undefined;
}

/** The error for a signature header that is present but cannot be parsed. */
export function malformedHeader(header: string, expected: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'HOOKLINE_MALFORMED_HEADER',
    `Header ${header} is malformed; expected ${expected}`,
  );
}

/** The error for a well-formed signature that no configured secret produces. */
export function signatureMismatch(scheme: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'HOOKLINE_SIGNATURE_MISMATCH',
    `${scheme}: no signature matches the configured secret; check that the secret belongs to ` +
      'this endpoint and that the body reaches hookline unmodified',
  );
}

/**
 * Checks that a string option is present and not padded with white space.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG`
 */
export function requireOption(scheme: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WebhookConfigurationError(
      `${scheme}: \`${option}\` is ${value === undefined ? 'missing' : 'empty'}; pass it as a string`,
    );
  }
  if (value.trim() !== value) {
    throw new WebhookConfigurationError(
      `${scheme}: \`${option}\` starts or ends with white space; trim it where it is loaded`,
    );
  }
  return value;
}

/**
 * Checks a URL option and returns it unchanged.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG`
 */
export function requireUrl(scheme: string, option: string, value: unknown): string {
  const text = requireOption(scheme, option, value);
  if (!URL.canParse(text)) {
    throw new WebhookConfigurationError(
      `${scheme}: \`${option}\` is not an absolute URL; pass it as https://host/path`,
    );
  }
  return text;
}

/**
 * Splits a header such as `t=1,v1=ab,v1=cd` into its `key=value` pairs, in order. A pair with no
 * `=` gets an empty key, so it never matches a key the caller looks for.
 */
export function splitPairs(value: string, separator: string): [string, string][] {
  return value.split(separator).map((pair) => {
    const equals = pair.indexOf('=');
    if (equals === -1) return ['', pair];
    return [pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()];
  });
}

/**
 * Returns the configured public URL, else the delivery's.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` when neither is known.
 */
export function publicUrl(
  scheme: string,
  configured: string | undefined,
  received: string | undefined,
): string {
  const url = configured ?? received;
  if (url === undefined || url === '') {
    throw new WebhookConfigurationError(
      `${scheme}: the signature covers the public URL, but neither the \`url\` option nor the ` +
        'delivery gives one; set `url` to the address the sender calls',
    );
  }
  return url;
}
