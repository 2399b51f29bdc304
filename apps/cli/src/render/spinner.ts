import type { OutputStream } from '../cli-io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;

export interface Spinner {
  /** Clears the spinner line; safe to call more than once. */
  stop(): void;
}

/** A spinner on stderr until the first token; nothing at all unless stderr is a terminal. */
export function startSpinner(stream: OutputStream, label: string, enabled: boolean): Spinner {
  if (!enabled) return { stop() {} };
  let frame = 0;
  const draw = () => {
    stream.write(`\r${FRAMES[frame % FRAMES.length]} ${label}`);
    frame++;
  };
  draw();
  const timer = setInterval(draw, INTERVAL_MS);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
