export { type ExampleEvents, events } from './events.js';
export { type ExampleEvent, formatEvent } from './print-event.js';
export { demoSecret, loadPort, loadSecret } from './secret.js';
export { createStoreFromEnv } from './store.js';
export {
  orderCreatedPayload,
  type SignDeliveryOptions,
  signDelivery,
  userRegisteredPayload,
} from './deliveries.js';
