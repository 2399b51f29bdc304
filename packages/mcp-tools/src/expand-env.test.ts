// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are the subject of these tests.
import { describe, expect, it } from 'vitest';
import { expandEnv, redactValues, referencedValues } from './expand-env.js';

describe('expandEnv', () => {
  const env = { TOKEN: 's3cret', EMPTY: '', HOME: '/home/u' };

  it('expands ${VAR} and ${VAR:-default} as Claude Code does', () => {
    expect(expandEnv('Bearer ${TOKEN}', env, 'header')).toBe('Bearer s3cret');
    expect(expandEnv('${HOME}/notes and ${TOKEN}', env, 'args')).toBe('/home/u/notes and s3cret');
    expect(expandEnv('${MISSING:-http://127.0.0.1:8765/mcp}', env, 'url')).toBe('http://127.0.0.1:8765/mcp');
    expect(expandEnv('${EMPTY:-fallback}', env, 'env')).toBe('fallback');
    expect(expandEnv('${MISSING:-}', env, 'env')).toBe('');
  });

  it('leaves a bare $VAR and unterminated references literal', () => {
    expect(expandEnv('$TOKEN ${TOKEN', env, 'args')).toBe('$TOKEN ${TOKEN');
  });

  it('expands once: a value holding ${…} is not expanded again', () => {
    expect(expandEnv('${A}', { A: '${TOKEN}', TOKEN: 'x' }, 'args')).toBe('${TOKEN}');
  });

  it('fails naming the variable when it is unset and has no default', () => {
    expect(() => expandEnv('Bearer ${API_KEY}', env, 'server "gh" header Authorization')).toThrow(
      expect.objectContaining({
        code: 'MCP_CONFIG_INVALID',
        message: 'server "gh" header Authorization uses ${API_KEY}, which is not set.',
      }),
    );
  });

  it('keeps an empty value when there is no default', () => {
    expect(expandEnv('[${EMPTY}]', env, 'env')).toBe('[]');
  });
});

describe('referencedValues and redactValues', () => {
  it('finds the values a config references (longest first, short ones left out) and hides them', () => {
    const env = { TOKEN: 's3cret-token', SHORT: 'ab', KEY: 's3cret' };
    const secrets = referencedValues(['Bearer ${TOKEN}', '${SHORT}', '${KEY:-x}', '${UNSET:-d}'], env);
    expect(secrets).toEqual(['s3cret-token', 's3cret']);
    expect(redactValues('spawn /bin/s3cret-token ENOENT (s3cret)', secrets)).toBe(
      'spawn /bin/[redacted] ENOENT ([redacted])',
    );
  });
});
