export {
  type WebhookMiddleware,
  type WebhookMiddlewareOptions,
  type WebhookRequest,
  webhookMiddleware,
} from './webhook-middleware.js';
