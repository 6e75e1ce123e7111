import { assertBody, bodyByteLength, bodyToText, type Delivery } from './delivery.js';
import type { Envelope } from './envelope.js';
import { WebhookPayloadError } from './errors/webhook-error.js';
import type { DispatchSettings } from './dispatch.js';
import { dispatchEvent } from './dispatch-event.js';
import { isPromise, type MaybePromise } from './maybe-promise.js';
import type { Logger } from './logger.js';
import type { WebhooksHooks } from './options.js';
import {
  acceptedOutcome,
  errorOutcome,
  handshakeOutcome,
  toWebhookError,
  type WebhookOutcome,
} from './outcome.js';
import type { HandlerRegistry } from './router.js';
import type { WebhookScheme } from './scheme.js';
import type { EventSchemas, WebhookEvent } from './types.js';
import { type ValidationResult, validate } from './validate.js';
import type { ErrorHandler } from './webhooks.js';

/** Everything `receiveDelivery` needs, resolved from the options once. */
export interface ReceiveSettings {
  scheme: WebhookScheme;
  events: EventSchemas | undefined;
  envelope: Envelope;
  rejectUnknown: boolean;
  schemaMismatchStatus: number;
  bodyLimit: number;
  log: Logger;
  hooks: WebhooksHooks;
  clock: () => number;
  registry: HandlerRegistry;
  errorHandlers: ErrorHandler[];
  dispatch: DispatchSettings;
  dedupeKey: (event: WebhookEvent) => string | undefined;
  processWithoutStore: boolean;
  storeRetryAfter: number;
  /** Whether the logger has a `debug` method. */
  debug: boolean;
}

/** Runs one delivery through read → verify → parse → route → validate → dedupe → dispatch. */
export async function receiveDelivery(
  settings: ReceiveSettings,
  delivery: Delivery,
): Promise<WebhookOutcome> {
  const started = settings.hooks.onOutcome === undefined ? 0 : performance.now();
  let outcome: WebhookOutcome;
  try {
    const pending = process(settings, delivery);
    outcome = isPromise(pending) ? await pending : pending;
  } catch (thrown) {
    const error = toWebhookError(thrown);
    if (error.status >= 500)
      settings.log.error('webhook failed', { code: error.code, error: thrown });
    else settings.log.debug('webhook rejected', { code: error.code, status: error.status });
    outcome = errorOutcome(error);
  }
  if (outcome.error?.code === 'HOOKLINE_SCHEMA_MISMATCH')
    outcome.status = settings.schemaMismatchStatus;
  if (settings.hooks.onOutcome !== undefined)
    notify(settings, outcome, performance.now() - started);
  return outcome;
}

function process(settings: ReceiveSettings, delivery: Delivery): MaybePromise<WebhookOutcome> {
  const { scheme } = settings;
  const unsigned = scheme.answerUnsigned?.(delivery);
  if (unsigned !== undefined) return handshakeOutcome(unsigned);
  checkRequest(settings, delivery);

  const verified = scheme.verify(delivery, { now: settings.clock() });

  const payload = scheme.parse ? scheme.parse(delivery.body, delivery) : parseJson(delivery);
  const reply = scheme.answerVerified?.(payload, verified, delivery);
  if (reply !== undefined) return handshakeOutcome(reply);

  const parts = settings.envelope({ payload, verified, delivery });
  // Checked first, so a silent logger costs no field object per delivery.
  if (settings.debug) settings.log.debug('webhook received', { type: parts.type, id: parts.id });
  const schema = settings.events?.[parts.type];
  if (
    settings.events !== undefined &&
    (schema === undefined || !Object.hasOwn(settings.events, parts.type))
  ) {
    return unknownType(settings, parts.type);
  }
  const registrations = settings.registry.match(parts.type);
  if (registrations.length === 0) return acceptedOutcome('unhandled', undefined);

  const toEvent = (data: unknown): WebhookEvent => ({
    type: parts.type,
    id: parts.id,
    timestamp: parts.timestamp,
    data,
  });
  if (schema === undefined) return dispatchEvent(settings, delivery, toEvent(parts.data));
  const checked = validate(schema, parts.data);
  if (isPromise(checked)) {
    return checked.then((result) =>
      dispatchEvent(settings, delivery, toEvent(dataOf(parts.type, result))),
    );
  }
  return dispatchEvent(settings, delivery, toEvent(dataOf(parts.type, checked)));
}

function dataOf(type: string, checked: ValidationResult): unknown {
  if (checked.ok) return checked.value;
  throw new WebhookPayloadError(
    'HOOKLINE_SCHEMA_MISMATCH',
    `Data of event ${type} does not match its schema: ${summarize(checked.issues)}`,
    { issues: checked.issues },
  );
}

function checkRequest(settings: ReceiveSettings, delivery: Delivery): void {
  const method = delivery.method?.toUpperCase() ?? 'POST';
  if (method !== 'POST') {
    throw new WebhookPayloadError(
      'HOOKLINE_METHOD_NOT_ALLOWED',
      `Method ${method} is not allowed; webhook deliveries are POST requests`,
    );
  }
  assertBody(delivery.body);
  const size = bodyByteLength(delivery.body);
  if (size > settings.bodyLimit) {
    throw new WebhookPayloadError(
      'HOOKLINE_BODY_TOO_LARGE',
      `Body of ${size} bytes is larger than the ${settings.bodyLimit} byte limit (bodyLimit)`,
    );
  }
}

function parseJson(delivery: Delivery): unknown {
  const text = bodyToText(delivery.body);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WebhookPayloadError('HOOKLINE_INVALID_JSON', 'Body is not valid JSON', {
      cause: error,
    });
  }
}

function unknownType(settings: ReceiveSettings, type: string): WebhookOutcome {
  if (!settings.rejectUnknown) return acceptedOutcome('ignored', undefined);
  throw new WebhookPayloadError(
    'HOOKLINE_UNKNOWN_EVENT_TYPE',
    `Event type "${type.slice(0, 100)}" is not in the events map`,
  );
}

function summarize(
  issues: readonly { message: string; path: readonly (string | number)[] }[],
): string {
  const firstIssues = issues.slice(0, 3).map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.join('.');
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return `${firstIssues.join('; ')}${more}`;
}

/** Reports an outcome to `hooks.onOutcome`; a hook that throws is logged and ignored. */
export function notify(
  settings: ReceiveSettings,
  outcome: WebhookOutcome,
  durationMs: number,
): void {
  try {
    settings.hooks.onOutcome?.(outcome, { durationMs });
  } catch (error) {
    settings.log.error('onOutcome hook threw', { error });
  }
}
