import { describe, expect, it } from 'vitest';
import { stderrSummary } from './stderr-summary.js';

// What `node missing.js` prints (Node 20).
const NODE_MISSING_MODULE = `node:internal/modules/cjs/loader:1210
  throw err;
  ^

Error: Cannot find module '/srv/missing.js'
    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)
    at node:internal/main/run_main_module:28:49 {
  code: 'MODULE_NOT_FOUND',
  requireStack: []
}

Node.js v20.20.2
`;

describe('stderrSummary', () => {
  it("keeps Node's error line, which the last lines (stack, banner) would lose", () => {
    expect(stderrSummary(NODE_MISSING_MODULE)).toBe("Error: Cannot find module '/srv/missing.js'");
    expect(stderrSummary('Traceback:\n  File "x.py"\nModuleNotFoundError: No module named \'mcp\'\n')).toBe(
      "ModuleNotFoundError: No module named 'mcp'",
    );
  });

  it('otherwise gives the last lines, joined', () => {
    expect(stderrSummary('starting\nloading config\ncannot start: no licence\n')).toBe(
      'starting | loading config | cannot start: no licence',
    );
    expect(stderrSummary('a\nb\nc\nd')).toBe('b | c | d');
    expect(stderrSummary('')).toBe('');
  });
});
