// Keeps the benchmark harness honest without timing anything: every candidate must still
// accept a valid delivery and reject a tampered one, in-process, before its speed counts.
import { describe, expect, test } from 'vitest';
import { checkServer } from '../bench/http/run-http.js';
import { httpServers } from '../bench/http/servers.js';
import { bodySizes } from '../bench/lib/deliveries.js';
import { checkCandidate, microCandidates } from '../bench/micro/candidates.js';

describe('micro benchmark candidates', () => {
  for (const candidate of microCandidates) {
    test(`${candidate.name} accepts valid and rejects tampered bodies`, async () => {
      for (const size of bodySizes) {
        await expect(checkCandidate(candidate, size)).resolves.toBeUndefined();
      }
    });
  }
});

describe('HTTP benchmark servers', () => {
  for (const definition of httpServers) {
    test(`${definition.name} answers 200 to valid and 4xx to tampered`, async () => {
      const server = await definition.start();
      try {
        await expect(checkServer(definition, server.port)).resolves.toBeUndefined();
      } finally {
        await server.close();
      }
    });
  }
});
