import express, { type Express } from 'express';
import { createWebhooks, type WebhookScheme } from '@hookline/core';
import { webhookMiddleware } from '@hookline/express';
import {
  discord,
  github,
  intercom,
  linear,
  mailgun,
  meta,
  paddle,
  sendgrid,
  shopify,
  slack,
  square,
  standardWebhooksV1a,
  stripe,
  twilio,
  zoom,
} from '@hookline/providers';

/** The environment variables the app reads; see the README for what goes in each. */
export type ProvidersEnv = Readonly<Record<string, string | undefined>>;

/** One route: its path, the variables it needs, and how to build its scheme from them. */
interface Route {
  path: string;
  variables: readonly string[];
  scheme: (env: ProvidersEnv) => WebhookScheme;
}

const secret = (env: ProvidersEnv, name: string) => env[name] as string;

/** Every route of the example, in the order the README lists them. */
export const routes: readonly Route[] = [
  {
    path: '/stripe',
    variables: ['STRIPE_WEBHOOK_SECRET'],
    scheme: (env) => stripe({ secret: secret(env, 'STRIPE_WEBHOOK_SECRET') }),
  },
  {
    path: '/github',
    variables: ['GITHUB_WEBHOOK_SECRET'],
    scheme: (env) => github({ secret: secret(env, 'GITHUB_WEBHOOK_SECRET') }),
  },
  {
    path: '/slack',
    variables: ['SLACK_WEBHOOK_SECRET'],
    scheme: (env) => slack({ secret: secret(env, 'SLACK_WEBHOOK_SECRET') }),
  },
  {
    path: '/shopify',
    variables: ['SHOPIFY_WEBHOOK_SECRET'],
    scheme: (env) => shopify({ secret: secret(env, 'SHOPIFY_WEBHOOK_SECRET') }),
  },
  {
    path: '/paddle',
    variables: ['PADDLE_WEBHOOK_SECRET'],
    scheme: (env) => paddle({ secret: secret(env, 'PADDLE_WEBHOOK_SECRET') }),
  },
  {
    path: '/linear',
    variables: ['LINEAR_WEBHOOK_SECRET'],
    scheme: (env) => linear({ secret: secret(env, 'LINEAR_WEBHOOK_SECRET') }),
  },
  {
    path: '/zoom',
    variables: ['ZOOM_WEBHOOK_SECRET'],
    scheme: (env) => zoom({ secret: secret(env, 'ZOOM_WEBHOOK_SECRET') }),
  },
  {
    path: '/discord',
    variables: ['DISCORD_PUBLIC_KEY'],
    scheme: (env) => discord({ publicKey: secret(env, 'DISCORD_PUBLIC_KEY') }),
  },
  {
    path: '/twilio',
    variables: ['TWILIO_WEBHOOK_SECRET'],
    scheme: (env) =>
      twilio({
        secret: secret(env, 'TWILIO_WEBHOOK_SECRET'),
        ...(env.TWILIO_WEBHOOK_URL ? { url: env.TWILIO_WEBHOOK_URL } : {}),
      }),
  },
  {
    path: '/square',
    variables: ['SQUARE_WEBHOOK_SECRET', 'SQUARE_NOTIFICATION_URL'],
    scheme: (env) =>
      square({
        secret: secret(env, 'SQUARE_WEBHOOK_SECRET'),
        notificationUrl: secret(env, 'SQUARE_NOTIFICATION_URL'),
      }),
  },
  {
    path: '/meta',
    variables: ['META_WEBHOOK_SECRET'],
    scheme: (env) =>
      meta({
        secret: secret(env, 'META_WEBHOOK_SECRET'),
        ...(env.META_VERIFY_TOKEN ? { verifyToken: env.META_VERIFY_TOKEN } : {}),
      }),
  },
  {
    path: '/intercom',
    variables: ['INTERCOM_WEBHOOK_SECRET'],
    scheme: (env) => intercom({ secret: secret(env, 'INTERCOM_WEBHOOK_SECRET') }),
  },
  {
    path: '/sendgrid',
    variables: ['SENDGRID_PUBLIC_KEY'],
    scheme: (env) => sendgrid({ publicKey: secret(env, 'SENDGRID_PUBLIC_KEY') }),
  },
  {
    path: '/mailgun',
    variables: ['MAILGUN_WEBHOOK_SECRET'],
    scheme: (env) => mailgun({ secret: secret(env, 'MAILGUN_WEBHOOK_SECRET') }),
  },
  {
    path: '/standard',
    variables: ['STANDARD_WEBHOOKS_PUBLIC_KEY'],
    scheme: (env) =>
      standardWebhooksV1a({ publicKey: secret(env, 'STANDARD_WEBHOOKS_PUBLIC_KEY') }),
  },
];

/** Options of {@link createProvidersApp}. */
export interface ProvidersAppOptions {
  env: ProvidersEnv;
  /** Receives one line per handled event and per skipped route. */
  print: (line: string) => void;
  /** The clock for timestamp checks, in milliseconds. @default Date.now */
  clock?: () => number;
}

/**
 * Creates the Express app with one webhook route per provider whose variables are set. A route
 * whose variables are missing or empty is skipped with a printed line. A value padded with white
 * space or a key that does not decode throws `WebhookConfigurationError` here, at start-up.
 */
export function createProvidersApp(options: ProvidersAppOptions): Express {
  const app = express();
  for (const route of routes) {
    const missing = route.variables.filter((name) => !options.env[name]);
    if (missing.length > 0) {
      options.print(`skipped ${route.path}: set ${missing.join(' and ')}`);
      continue;
    }
    const webhooks = createWebhooks({
      scheme: route.scheme(options.env),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    const provider = route.path.slice(1);
    webhooks.onAny((event) => {
      options.print(`${provider} ${event.type} ${event.id ?? '(no id)'}`);
    });
    // Meta sends its subscription check as a GET; every other sender only POSTs.
    if (provider === 'meta') app.all(route.path, webhookMiddleware(webhooks));
    else app.post(route.path, webhookMiddleware(webhooks));
  }
  return app;
}
