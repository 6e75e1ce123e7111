export {
  computeHmac,
  decodeBase64,
  decodeHex,
  type HmacAlgorithm,
  safeEqual,
  type SignedPart,
} from './crypto.js';
export { createMemoryStore, type MemoryStoreOptions } from './dedupe/memory-store.js';
export type {
  ClaimOptions,
  ClaimResult,
  CompleteOptions,
  IdempotencyStore,
  ReleaseOptions,
} from './dedupe/store.js';
export {
  assertBody,
  type BodyInput,
  bodyByteLength,
  bodyToText,
  type Delivery,
  getHeader,
  getHeaderValues,
  type HeadersInput,
  type HeadersLike,
  type HeaderValue,
  requireHeader,
} from './delivery.js';
export {
  createEnvelope,
  type Envelope,
  type EnvelopeInput,
  type EnvelopeOptions,
  type EventParts,
  flatEnvelope,
  standardEnvelope,
} from './envelope.js';
export { type ErrorCode, type ErrorCodeInfo, type ErrorKind, errorCodes } from './errors/codes.js';
export {
  isConfigurationError,
  isPayloadError,
  isVerificationError,
  isWebhookError,
  type PayloadIssue,
  WebhookConfigurationError,
  WebhookError,
  type WebhookErrorOptions,
  WebhookHandlerError,
  WebhookPayloadError,
  WebhookRetryableError,
  WebhookVerificationError,
} from './errors/webhook-error.js';
export type { Logger } from './logger.js';
export type { DedupeOptions, WebhooksHooks, WebhooksOptions } from './options.js';
export {
  acceptedOutcome,
  errorOutcome,
  type OutcomeResult,
  toWebhookError,
  type WebhookOutcome,
} from './outcome.js';
export {
  checkTolerance,
  checkToleranceOption,
  type HandshakeReply,
  nowMs,
  parseSeconds,
  type SignInput,
  type VerifiedDelivery,
  type VerifyOptions,
  type WebhookScheme,
} from './scheme.js';
export {
  type StandardWebhooksOptions,
  type StandardWebhooksVerified,
  standardWebhooks,
} from './schemes/standard-webhooks.js';
export { type SecretInput, secretList } from './secrets.js';
export type {
  AnyEvents,
  EventData,
  EventFor,
  EventPattern,
  EventSchemas,
  EventType,
  HandlerContext,
  MatchedType,
  ReplyInit,
  WebhookEvent,
  WebhookHandler,
} from './types.js';
export { createWebhooks, type ErrorHandler, type Webhooks } from './webhooks.js';
export {
  type WebhookReceiver,
  readFailureOutcome,
  respondToNodeRequest,
  resolveBodyLimit,
  writeNodeOutcome,
} from './http/adapter.js';
export { bodyAborted, bodyConsumed, bodyNotDecodable, bodyTooLarge } from './http/body-errors.js';
export { createContentDecoder, isContentEncoded } from './http/content-encoding.js';
export { readFetchBody } from './http/read-fetch-body.js';
export {
  pipeToDecoder,
  type ReadBodyOptions,
  readNodeBody,
  readWebStream,
} from './http/read-stream.js';
