import type { IncomingMessage } from 'node:http';
import {
  readNodeBody,
  resolveBodyLimit,
  toWebhookError,
  type WebhookOutcome,
  type WebhookReceiver,
} from '@hookline/core';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Options of the hookline Fastify plugin. */
export interface HooklineFastifyOptions {
  /** The receiver from `createWebhooks`. */
  webhooks: WebhookReceiver;
  /**
   * The route path, below the prefix of the context the plugin is registered in.
   * @default '/webhook'
   */
  path?: string;
  /**
   * The largest body accepted, in bytes, counted after Content-Encoding is decoded. Fastify's own
   * `bodyLimit` does not apply to this route.
   * @default webhooks.bodyLimit (1 MiB unless set in createWebhooks)
   */
  bodyLimit?: number;
  /** A path prefix for the route, as the `prefix` register option gives other plugins. */
  prefix?: string;
}

const consumedHint = 'do not read the body in a preParsing hook on the webhook route';

async function hooklinePlugin(app: FastifyInstance, options: HooklineFastifyOptions) {
  const { webhooks } = options;
  if (typeof webhooks?.receive !== 'function') {
    throw new TypeError('@hookline/fastify: `webhooks` is required, the result of createWebhooks');
  }
  const limit = resolveBodyLimit('@hookline/fastify', options.bodyLimit, webhooks);
  const url = options.path ?? '/webhook';

  // An encapsulated child context, so that the raw parser replaces Fastify's parsers on the
  // webhook route only, and the app's other routes keep parsing JSON.
  await app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage) =>
        readNodeBody(payload, {
          limit,
          encoding: request.headers['content-encoding'],
          length: request.headers['content-length'],
          consumedHint,
        }).catch(toWebhookError),
      );
      scope.route({
        method: ['POST', 'GET'],
        url,
        onRequest: keepMalformedContentType,
        handler: (request, reply) => handle(webhooks, request, reply),
      });
    },
    options.prefix === undefined ? {} : { prefix: options.prefix },
  );
}

const mediaType = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(?:;.*)?$/;
const originalContentType = Symbol('hookline.content-type');

/**
 * Fastify responds with its own 415 to a Content-Type it cannot parse, before any content-type parser
 * runs. The route reads raw bytes whatever the type, so a malformed value is swapped for
 * `application/octet-stream` here and handed back to the scheme unchanged in `handle`.
 */
function keepMalformedContentType(request: FastifyRequest, _reply: FastifyReply, done: () => void) {
  const type = request.headers['content-type'];
  if (type !== undefined && !mediaType.test(type)) {
    (request as FastifyRequest & { [originalContentType]?: string })[originalContentType] = type;
    request.headers['content-type'] = 'application/octet-stream';
  }
  done();
}

async function handle(
  webhooks: WebhookReceiver,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = request.body ?? Buffer.alloc(0);
  let outcome: WebhookOutcome;
  if (body instanceof Uint8Array) {
    const original = (request as FastifyRequest & { [originalContentType]?: string })[
      originalContentType
    ];
    outcome = await webhooks.receive({
      headers:
        original === undefined ? request.headers : { ...request.headers, 'content-type': original },
      body,
      method: request.method,
      url: `${request.protocol}://${request.host}${request.url}`,
    });
  } else {
    outcome = webhooks.reject(body);
  }
  logOutcome(request.log, outcome);
  return reply.code(outcome.status).headers(outcome.headers).send(outcome.body);
}

const debugLevels = new Set(['debug', 'trace']);

/** Logs like the core logger: debug on receipt, warn on a duplicate, error on a failure. */
function logOutcome(log: FastifyBaseLogger, outcome: WebhookOutcome): void {
  const { error } = outcome;
  if (outcome.status >= 500) {
    log.error({ ...fieldsOf(outcome), err: error }, `webhook failed: ${error?.message}`);
  } else if (outcome.result === 'duplicate') {
    log.warn(fieldsOf(outcome), 'webhook duplicate dropped');
  } else if (debugLevels.has(log.level)) {
    // Checked first, so the common path builds no log fields at the usual info level.
    log.debug(fieldsOf(outcome), `webhook ${outcome.result}`);
  }
}

function fieldsOf({ event, error, status }: WebhookOutcome): Record<string, unknown> {
  return { type: event?.type, id: event?.id, status, code: error?.code };
}

/**
 * Registers a webhook route: `app.register(hookline, { webhooks, path })`. The route reads the
 * raw body with its own content-type parser, which is scoped to it, so other routes keep
 * Fastify's JSON parsing. Outcomes are logged through `request.log`, and replies go out as the
 * core builds them, so webhook rejections never reach the app's error handler.
 * @throws {WebhookConfigurationError} `HOOKLINE_INVALID_CONFIG` at registration when `bodyLimit`
 *   is not a positive number.
 * @example
 * const app = Fastify({ logger: true });
 * await app.register(hookline, { webhooks, path: '/webhook' });
 */
export const hookline = fp(hooklinePlugin, { fastify: '5.x', name: '@hookline/fastify' });
