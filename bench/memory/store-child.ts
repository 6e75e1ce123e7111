// Child process entry, run with --expose-gc: fills createMemoryStore with N finished ids and
// prints how much heap and RSS that took, as JSON.
import { createMemoryStore } from '@hookline/core';

const count = Number(process.argv[2]);
const gc = (globalThis as { gc?: () => void }).gc;
if (!Number.isInteger(count) || count < 1 || gc === undefined) {
  process.stderr.write('usage: node --expose-gc --import tsx store-child.ts <count>\n');
  process.exit(2);
}

function settle(): NodeJS.MemoryUsage {
  for (let pass = 0; pass < 3; pass++) gc?.();
  return process.memoryUsage();
}

const before = settle();
const store = createMemoryStore({ maxEntries: count });
// Keys shaped like the default dedupe key of a Standard Webhooks delivery.
for (let index = 0; index < count; index++) {
  const key = `standard-webhooks:msg_${index.toString(36).padStart(27, '0')}`;
  const claim = await store.claim(key, { leaseMs: 60_000 });
  if (claim.state !== 'claimed') throw new Error(`id ${index} was not new`);
  await store.complete(key, claim.token, { retentionMs: 259_200_000 });
}
const after = settle();
const probe = await store.claim('standard-webhooks:msg_'.padEnd(49, '0'), { leaseMs: 1 });
process.stdout.write(
  `${JSON.stringify({
    count,
    heapBytes: after.heapUsed - before.heapUsed,
    rssBytes: after.rss - before.rss,
    firstIdRemembered: probe.state === 'completed',
  })}\n`,
);
