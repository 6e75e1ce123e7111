import {
  orderCreatedPayload,
  signDelivery,
  userRegisteredPayload,
} from '@hookline-examples/shared';

/** One delivery the demo sends, and the reply and handler output it expects. */
export interface DemoStep {
  /** The label of the delivery in the table. */
  label: string;
  /** The `webhook-id`; the handler prints it when it runs. */
  id: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  /** The error code, or the `status` field of a 200 reply. */
  code: string;
  /** Whether the handler runs and prints a line. */
  handled: boolean;
}

const minute = 60_000;

/**
 * Builds the demo deliveries, signed with `secret`. Ids end in `run`, because the example's
 * SQLite store remembers handled ids across runs and would answer a second demo with duplicates.
 */
export function demoSteps(secret: string, run = Date.now().toString(36)): DemoStep[] {
  const order = orderCreatedPayload();
  const orderId = `msg_order_5001_${run}`;
  const orderHeaders = signDelivery(secret, order, { id: orderId });
  const step = (label: string, id: string, body: string, expected: Expected, signed?: string) => ({
    label,
    id: `${id}_${run}`,
    body,
    headers: signDelivery(secret, signed ?? body, { id: `${id}_${run}` }),
    ...expected,
  });
  return [
    step('user_registered', 'msg_user_1001', userRegisteredPayload(), handled),
    {
      label: 'order_created',
      id: orderId,
      headers: orderHeaders,
      body: order,
      ...handled,
    },
    {
      label: 'the same order_created again',
      id: orderId,
      headers: orderHeaders,
      body: order,
      ...accepted('duplicate'),
    },
    step(
      'order_created, amount changed after signing',
      'msg_tampered',
      orderCreatedPayload({ amount: 1 }),
      rejected(401, 'HOOKLINE_SIGNATURE_MISMATCH'),
      orderCreatedPayload(),
    ),
    {
      label: 'order_created signed 10 minutes ago',
      id: `msg_stale_${run}`,
      headers: signDelivery(secret, order, {
        id: `msg_stale_${run}`,
        timestamp: Date.now() - 10 * minute,
      }),
      body: order,
      ...rejected(401, 'HOOKLINE_TIMESTAMP_TOO_OLD'),
    },
    step(
      'invoice_paid (unknown type)',
      'msg_unknown',
      JSON.stringify({ event_type: 'invoice_paid', invoice_id: 'inv_1' }),
      rejected(400, 'HOOKLINE_UNKNOWN_EVENT_TYPE'),
    ),
    step(
      'order_created with amount "49.90"',
      'msg_schema',
      orderCreatedPayload({ amount: '49.90' }),
      rejected(400, 'HOOKLINE_SCHEMA_MISMATCH'),
    ),
    step(
      'order_created of 1.1 MiB',
      'msg_oversized',
      orderCreatedPayload({ note: 'x'.repeat(1_150_000) }),
      rejected(413, 'HOOKLINE_BODY_TOO_LARGE'),
    ),
  ];
}

type Expected = Pick<DemoStep, 'status' | 'code' | 'handled'>;

const handled: Expected = { status: 200, code: 'handled', handled: true };

function accepted(code: string): Expected {
  return { status: 200, code, handled: false };
}

function rejected(status: number, code: string): Expected {
  return { status, code, handled: false };
}
