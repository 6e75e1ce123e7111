export { type DiscordOptions, discord, discordEnvelope } from './discord.js';
export { type GitHubOptions, github, githubEnvelope } from './github.js';
export {
  type HmacOptions,
  type HmacVerified,
  hmac,
  type SignedContentPart,
} from './hmac.js';
export { type IntercomOptions, intercom } from './intercom.js';
export { type LinearOptions, linear, linearEnvelope } from './linear.js';
export {
  type MailgunOptions,
  type MailgunSignature,
  mailgun,
  mailgunEnvelope,
  mailgunSignature,
} from './mailgun.js';
export { type MetaOptions, meta } from './meta.js';
export { type PaddleOptions, paddle } from './paddle.js';
export { gitea, lemonSqueezy, type PresetOptions, typeform, vercel } from './presets.js';
export type { PrivateKeyInput } from './public-key.js';
export { type SendGridOptions, sendgrid, sendgridEnvelope } from './sendgrid.js';
export type { SignatureEncoding } from './signature.js';
export { type ShopifyOptions, shopify } from './shopify.js';
export { type SlackOptions, slack, slackEnvelope } from './slack.js';
export { type SquareOptions, square } from './square.js';
export {
  type StandardWebhooksV1aOptions,
  standardWebhooksV1a,
} from './standard-webhooks-v1a.js';
export { type StripeOptions, stripe } from './stripe.js';
export { type TwilioOptions, twilio, twilioEnvelope } from './twilio.js';
export { type ZoomOptions, zoom } from './zoom.js';
