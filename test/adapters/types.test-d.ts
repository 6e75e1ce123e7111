import { createWebhooks, standardWebhooks } from '@hookline/core';
import { type WebhookMiddleware, webhookMiddleware } from '@hookline/express';
import { type HooklineFastifyOptions, hookline } from '@hookline/fastify';
import { type FetchHandler, createFetchHandler } from '@hookline/fetch';
import { createNodeHandler, type NodeHandler } from '@hookline/node';
import express, { type RequestHandler } from 'express';
import Fastify from 'fastify';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';

const webhooks = createWebhooks({
  scheme: standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
  events: { order_created: z.object({ order_id: z.string() }) },
});

describe('adapter types', () => {
  it('accepts a typed receiver in every adapter', () => {
    expectTypeOf(webhookMiddleware(webhooks)).toEqualTypeOf<WebhookMiddleware>();
    expectTypeOf(createFetchHandler(webhooks)).toEqualTypeOf<FetchHandler>();
    expectTypeOf(createNodeHandler(webhooks)).toEqualTypeOf<NodeHandler>();
    expectTypeOf({ webhooks }).toExtend<HooklineFastifyOptions>();
  });

  it('fits Express and Fastify registration', () => {
    expectTypeOf(webhookMiddleware(webhooks)).toExtend<RequestHandler>();
    express().post('/webhook', webhookMiddleware(webhooks, { limit: 1024 }));
    void Fastify().register(hookline, { webhooks, path: '/webhook', bodyLimit: 1024 });
    // @ts-expect-error: `webhooks` is required
    void Fastify().register(hookline, { path: '/webhook' });
  });

  it('returns a Response promise from the fetch handler', () => {
    expectTypeOf(createFetchHandler(webhooks)).returns.toEqualTypeOf<Promise<Response>>();
  });
});
