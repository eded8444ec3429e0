import { contractFetch } from './contract.js';

// Every answer a test receives from the app through fetch (the test helpers' call(), the shared client, plain
// fetch) is checked against the OpenAPI document the app serves; a mismatch fails the test that received it.
globalThis.fetch = contractFetch(globalThis.fetch);
