import { z } from 'zod';

// The dashboard runs under a CSP without 'unsafe-eval': zod must not compile its fast parsers with `new Function`
// (it would try once per object schema and the page would log a CSP violation). Imported before any schema exists.
z.config({ jitless: true });
