// Loaded (node --import) into the MCP server process by one test. It answers requests for the default URL,
// http://127.0.0.1:3847, from the test's core instead, and refuses every other origin, so the test shows
// where the server sent the call whatever happens to listen on port 3847 of the machine running the tests.
const target = process.env.BUZZCHAT_TEST_DEFAULT_PORT_TARGET;
const realFetch = globalThis.fetch;

globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.origin !== 'http://127.0.0.1:3847' || !target) {
    return Promise.reject(new TypeError(`default-port shim: refused ${url.origin}`));
  }
  process.stderr.write(`[default-port shim] ${url.pathname} answered by the test core\n`);
  return realFetch(`${target}${url.pathname}${url.search}`, init);
};
