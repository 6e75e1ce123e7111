import { afterEach, describe, expect, it } from 'vitest';
import { cases, codeOf } from './cases.js';
import { createFixture } from './fixtures.js';
import { adapters, type Running } from './servers.js';

describe.each(adapters)('$name adapter', (adapter) => {
  let running: Running | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it.each(cases)('answers $name', async (testCase) => {
    const fixture = createFixture();
    running = await adapter.start(fixture.webhooks);

    const responses = await testCase.run(running.url, fixture);

    expect(responses.map((response) => response.status)).toEqual(
      testCase.expected.map((expected) => expected.status),
    );
    expect(responses.map(codeOf)).toEqual(testCase.expected.map((expected) => expected.code));
    expect(fixture.seen).toHaveLength(testCase.handled);
    testCase.check?.(fixture, responses);
  });
});
