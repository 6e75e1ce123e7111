import {
  demoSecret,
  orderCreatedPayload,
  signDelivery,
  userRegisteredPayload,
} from '@hookline-examples/shared';
import { expect } from 'vitest';

export const secret = demoSecret;

interface Reply {
  status: number;
  body: { status?: string; error?: { code: string } };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}

/**
 * Sends the deliveries every example must handle the same way to `url` (the example's
 * `/webhook`), and checks the replies and the lines the example printed.
 */
export async function checkExample(url: string, printed: readonly string[]): Promise<void> {
  const user = userRegisteredPayload();
  const userReply = await post(url, user, signDelivery(secret, user, { id: 'msg_u1' }));
  expect(userReply).toEqual({ status: 200, body: { status: 'handled' } });
  expect(printed).toEqual(['user_registered msg_u1 user_id=usr_1001 plan=pro']);

  const order = orderCreatedPayload();
  const orderHeaders = signDelivery(secret, order, { id: 'msg_o1' });
  const orderReply = await post(url, order, orderHeaders);
  const again = await post(url, order, orderHeaders);
  expect(orderReply.body.status).toBe('handled');
  expect(again).toEqual({ status: 200, body: { status: 'duplicate' } });
  expect(printed).toHaveLength(2);
  expect(printed[1]).toBe('order_created msg_o1 order_id=ord_5001 amount=49.90 EUR items=2');

  const unknown = JSON.stringify({ event_type: 'invoice_paid' });
  const unknownReply = await post(url, unknown, signDelivery(secret, unknown));
  expect(unknownReply.status).toBe(400);
  expect(unknownReply.body.error?.code).toBe('HOOKLINE_UNKNOWN_EVENT_TYPE');

  const broken = orderCreatedPayload({ currency: 'euro' });
  const brokenReply = await post(url, broken, signDelivery(secret, broken));
  expect(brokenReply.status).toBe(400);
  expect(brokenReply.body.error?.code).toBe('HOOKLINE_SCHEMA_MISMATCH');

  const forged = await post(url, order, signDelivery(`${secret.slice(0, -4)}AAA=`, order));
  expect(forged.status).toBe(401);
  expect(forged.body.error?.code).toBe('HOOKLINE_SIGNATURE_MISMATCH');
  expect(printed).toHaveLength(2);
}
