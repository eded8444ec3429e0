import { route, type RouteDef } from './route.js';
import { buildOpenApi, docsPage } from './openapi.js';

/** `/openapi.json` and `/docs`, generated once from the final route list (so they include every module's routes). */
export function openApiRoutes(routes: RouteDef[]): RouteDef[] {
  let doc: ReturnType<typeof buildOpenApi> | null = null;
  const get = () => (doc ??= buildOpenApi([...routes, ...self]));
  const self: RouteDef[] = [
    route({
      method: 'get',
      path: '/openapi.json',
      tag: 'System',
      summary: 'This API as an OpenAPI 3.1 document (no authentication)',
      scope: null,
      handler: ({ res }) => {
        res.json(get());
      },
    }),
    route({
      method: 'get',
      path: '/docs',
      tag: 'System',
      summary: 'Human-readable API reference (no authentication)',
      scope: null,
      handler: ({ res }) => {
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
        res.type('html').send(docsPage(get()));
      },
    }),
  ];
  return self;
}
