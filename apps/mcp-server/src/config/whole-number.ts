/** The range a numeric option may take, inclusive. */
export interface WholeNumberRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The ranges of every numeric option, shared by flags and environment variables. The upper bounds
 * are far above any sensible setting; they exist so that a typo (or 99999999999999999999, which
 * rounds to no bound at all) is refused instead of silently meaning "unlimited".
 */
export const RANGES = {
  timeoutMs: { min: 1, max: 3_600_000 },
  maxTokens: { min: 1, max: 1_000_000 },
  maxTurns: { min: 1, max: 1_000_000 },
  maxConnections: { min: 1, max: 1_000_000 },
  maxSessionsPerToken: { min: 1, max: 1_000_000 },
  port: { min: 0, max: 65_535 },
  shutdownGraceMs: { min: 0, max: 3_600_000 },
} as const satisfies Record<string, WholeNumberRange>;

/**
 * The one reader of numeric options: decimal digits only (no `1e3`, `0x10`, sign or fraction), a
 * safe integer, inside `range`. Undefined when the text is not such a number.
 */
export function parseWholeNumber(text: string, range: WholeNumberRange): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) return undefined;
  return value;
}

/** "a whole number from 1 to 3600000", for messages. */
export function describeRange(range: WholeNumberRange): string {
  return `a whole number from ${range.min} to ${range.max}`;
}
