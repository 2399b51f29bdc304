/** Lines of a crash report that say nothing about the cause: stack frames, Node's banner, braces. */
const NOISE: readonly RegExp[] = [
  /^at\s/,
  /^Node\.js v\d/,
  /^[{}^\s]+$/,
  /^(code|requireStack|errno|syscall|path):/,
  /^throw\b/,
];

/** `Error: …`, `TypeError: …`, `Error [ERR_MODULE_NOT_FOUND]: …`, Python's `ModuleNotFoundError: …`. */
const ERROR_LINE = /^\w*(Error|Exception)\b[^:]*:/;

/**
 * What a server's stderr says about why it failed, for a one-line warning: the last line that
 * reads as an error (Node prints "Error: Cannot find module …" above its stack and banner, so
 * the last lines alone would lose it), else the last `maxLines` lines that are not noise.
 */
export function stderrSummary(stderr: string, maxLines = 3): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NOISE.some((pattern) => pattern.test(line)));
  const errors = lines.filter((line) => ERROR_LINE.test(line));
  return (errors.length > 0 ? errors.slice(-1) : lines.slice(-maxLines)).join(' | ');
}
