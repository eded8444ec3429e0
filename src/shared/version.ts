import pkg from '../../package.json' with { type: 'json' };

/** The app's version, read from package.json when the bundle is built (one place to bump it). */
export const APP_VERSION: string = pkg.version;
