import { describe, expect, it } from 'vitest';
import { redactServerText, serverSecrets } from './server-secrets.js';

describe('serverSecrets and redactServerText', () => {
  it('lists literal and expanded env values and the values of secret flags, longest first', () => {
    const secrets = serverSecrets(
      {
        command: 'node',
        args: ['srv.js', '--api-key', 'sk-abc123', '--password=correcthorse', '--root', '/srv/data'],
        env: { API_KEY: 'envsecretVALUE42', TOKEN: '${GH_TOKEN}', DEBUG: '1' },
      },
      { GH_TOKEN: 'ghp_expanded0001' },
    );
    expect(secrets).toEqual([
      'ghp_expanded0001',
      'envsecretVALUE42',
      'correcthorse',
      '${GH_TOKEN}',
      'sk-abc123',
    ]);
  });

  it('lists header values whole and the token of a Bearer header', () => {
    expect(
      serverSecrets(
        { type: 'http', url: 'http://127.0.0.1/mcp', headers: { Authorization: 'Bearer plainword' } },
        {},
      ),
    ).toEqual(['Bearer plainword', 'plainword']);
  });

  it("replaces the server's values, then applies core's redaction (URL userinfo, query keys)", () => {
    const secrets = serverSecrets({ command: 'node', env: { KEY: 'plainpassphrase' } }, {});
    expect(
      redactServerText(
        'fetch http://user:pa55word@host/mcp?api_key=QUERYSECRET failed (stderr: key plainpassphrase)',
        secrets,
      ),
    ).toBe('fetch http://[redacted]@host/mcp?api_key=[redacted] failed (stderr: key [redacted])');
  });

  it('shows a command line whole but for the values of secret-named flags', () => {
    const config = {
      command: 'node',
      args: [
        'srv.js',
        '--max-tokens=5000',
        '--tokens=/etc/tokens.json',
        '--api-key=sk-abc123',
        '--token',
        'ghp_x12345',
      ],
    };
    const line = [config.command, ...config.args].join(' ');
    expect(redactServerText(line, serverSecrets(config, {}))).toBe(
      'node srv.js --max-tokens=5000 --tokens=/etc/tokens.json --api-key=[redacted] --token [redacted]',
    );
  });
});
