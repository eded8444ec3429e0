// pino-roll 4 ships no types; this is the part of its options we use (see its pino-roll.js JSDoc).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';

  interface PinoRollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    symlink?: boolean;
    dateFormat?: string;
    // Passed on to sonic-boom.
    mkdir?: boolean;
    sync?: boolean;
    maxLength?: number;
    minLength?: number;
  }

  // `file` (the file written now) and `destroyed` exist on sonic-boom instances but not in its types.
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom & { readonly file: string; readonly destroyed: boolean }>;
}
