import { describe, expect, it } from 'vitest';
import { ServerConfigError } from '../config/server-config.js';
import { fitConnectionCap, readOpenFileLimit } from './descriptor-limit.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             63451                63451                processes
Max open files            1024                 1048576              files
`;

describe('readOpenFileLimit', () => {
  it('reads the soft limit of /proc/self/limits', () => {
    expect(readOpenFileLimit(() => LIMITS)).toBe(1024);
  });

  it('is undefined where the file is missing or the limit is unlimited', () => {
    expect(
      readOpenFileLimit(() => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
    expect(readOpenFileLimit(() => LIMITS.replace(/1024 /, 'unlimited '))).toBeUndefined();
  });
});

describe('fitConnectionCap', () => {
  const base = { defaultCap: 1000, source: undefined, requested: undefined };

  it('keeps a cap that fits, and any cap where the limit is unknown', () => {
    expect(fitConnectionCap({ ...base, openFileLimit: 4096 })).toEqual({ cap: 1000 });
    expect(fitConnectionCap({ ...base, requested: 5000, openFileLimit: undefined })).toEqual({ cap: 5000 });
  });

  it('lowers the default below the limit, with a warning', () => {
    const fitted = fitConnectionCap({ ...base, openFileLimit: 1024 });
    expect(fitted.cap).toBe(960);
    expect(fitted.warning).toMatch(/^warning: HTTP connections are capped at 960, not 1000/);
  });

  it('refuses an explicit cap above the limit, naming where it came from', () => {
    const request = { ...base, requested: 5000, source: '--max-connections', openFileLimit: 1200 };
    expect(() => fitConnectionCap(request)).toThrow(ServerConfigError);
    expect(() => fitConnectionCap(request)).toThrow(
      /^--max-connections 5000 does not fit: the open-file limit \(ulimit -n\) is 1200 .* Use at most 1136/,
    );
  });
});
