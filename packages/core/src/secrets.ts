import { WebhookConfigurationError } from './errors/webhook-error.js';

/**
 * One secret, or several during a rotation; any of them may have signed a delivery. `undefined`
 * is allowed by the type so that `process.env.X` can be passed as it is, and is rejected at
 * construction with a message that names the likely cause, an unset variable.
 */
export type SecretInput<T = string> = T | readonly T[] | undefined;

/**
 * Turns a secret option into a non-empty list and rejects the mistakes people make when pasting
 * secrets: undefined, empty, or surrounded by white space. Messages never include the secret.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG`
 */
export function secretList<T extends string | Uint8Array>(
  scheme: string,
  secret: SecretInput<T> | undefined,
): readonly T[] {
  const list: readonly (T | undefined)[] = isList(secret) ? secret : [secret];
  if (list.length === 0) {
    throw new WebhookConfigurationError(
      `${scheme}: \`secret\` is an empty list; pass at least one`,
    );
  }
  list.forEach((value, index) => checkSecret(scheme, value, list.length > 1 ? index : undefined));
  return list as readonly T[];
}

function isList<T>(value: SecretInput<T> | undefined): value is readonly T[] {
  return Array.isArray(value);
}

function checkSecret(scheme: string, value: unknown, index: number | undefined): void {
  const where = index === undefined ? '`secret`' : `\`secret[${index}]\``;
  if (value instanceof Uint8Array) {
    if (value.byteLength === 0) {
      throw new WebhookConfigurationError(`${scheme}: ${where} is empty`);
    }
    return;
  }
  if (typeof value !== 'string') {
    throw new WebhookConfigurationError(
      `${scheme}: ${where} is ${value === undefined ? 'missing' : `a ${typeof value}`}; ` +
        'pass the signing secret as a string (is the environment variable set?)',
    );
  }
  if (value.trim() === '') {
    throw new WebhookConfigurationError(`${scheme}: ${where} is empty`);
  }
  if (value.trim() !== value) {
    throw new WebhookConfigurationError(
      `${scheme}: ${where} starts or ends with white space; trim it where it is loaded`,
    );
  }
}
