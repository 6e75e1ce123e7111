import { createMemoryStore } from '@hookline/core';
import { describeStoreSuite } from './store-suite.js';

describeStoreSuite('memory store', () => ({ store: createMemoryStore(), teardown: () => {} }));
