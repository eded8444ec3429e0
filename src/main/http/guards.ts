import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './errors.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * DNS-rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends `Host: evil.example`.
 * Only loopback names with our own port are served.
 */
export function hostGuard(port: () => number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const p = port();
    if (!LOOPBACK_NAMES.some((n) => host === `${n}:${p}`)) {
      return next(new ApiError('FORBIDDEN_HOST', `Host "${req.headers.host ?? ''}" is not allowed; use http://127.0.0.1:${p}`));
    }
    next();
  };
}

/** Browsers attach Origin to cross-site requests; only our own loopback origin may call the API. */
export function originGuard(port: () => number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    const p = port();
    if (!LOOPBACK_NAMES.some((n) => origin.toLowerCase() === `http://${n}:${p}`)) {
      return next(new ApiError('FORBIDDEN_ORIGIN', `Origin "${origin}" may not call this API`));
    }
    next();
  };
}
