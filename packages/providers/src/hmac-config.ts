import { Buffer } from 'node:buffer';
import { createSecretKey, type KeyObject } from 'node:crypto';
import {
  checkToleranceOption,
  type HmacAlgorithm,
  secretList,
  WebhookConfigurationError,
} from '@hookline/core';
import type { HmacOptions, SignedContentPart } from './hmac.js';
import { digestLength, requireOption, type SignatureEncoding } from './signature.js';

/** The options of an {@link HmacOptions} scheme, checked and with defaults filled in. */
export interface HmacConfig {
  name: string;
  keys: readonly KeyObject[];
  header: string;
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  prefix: string;
  content: readonly SignedContentPart[];
  timestampHeader: string | undefined;
  tolerance: number;
  idHeader: string | undefined;
  typeHeader: string | undefined;
  url: string | undefined;
}

export function resolveHmacOptions(options: HmacOptions): HmacConfig {
  const name = requireOption('hmac', 'name', options.name);
  const algorithm = options.algorithm ?? 'sha256';
  const encoding = options.encoding ?? 'hex';
  if (!Object.hasOwn(digestLength, algorithm)) {
    throw new WebhookConfigurationError(`${name}: \`algorithm\` must be sha1, sha256 or sha512`);
  }
  if (encoding !== 'hex' && encoding !== 'base64') {
    throw new WebhookConfigurationError(`${name}: \`encoding\` must be hex or base64`);
  }
  return {
    name,
    keys: secretList(name, options.secret).map((secret) => createSecretKey(Buffer.from(secret))),
    header: requireOption(name, 'header', options.header).toLowerCase(),
    algorithm,
    encoding,
    prefix: options.prefix ?? '',
    content: checkContent(name, options.content ?? ['body']),
    timestampHeader: options.timestampHeader?.toLowerCase(),
    tolerance: checkToleranceOption(name, options.tolerance ?? 300),
    idHeader: options.idHeader?.toLowerCase(),
    typeHeader: options.typeHeader?.toLowerCase(),
    url: options.url,
  };
}

function checkContent(
  name: string,
  content: readonly SignedContentPart[],
): readonly SignedContentPart[] {
  const valid = (part: unknown) =>
    part === 'body' ||
    part === 'url' ||
    (typeof part === 'object' &&
      part !== null &&
      (typeof (part as { text?: unknown }).text === 'string' ||
        (typeof (part as { header?: unknown }).header === 'string' &&
          (part as { header: string }).header !== '')));
  const list: unknown = content;
  if (!Array.isArray(list) || list.length === 0 || !list.every(valid)) {
    throw new WebhookConfigurationError(
      `${name}: \`content\` must be a non-empty list of 'body', 'url', { header } and { text }`,
    );
  }
  return content;
}
