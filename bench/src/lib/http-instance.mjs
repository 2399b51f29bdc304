import { spawn } from 'node:child_process';

/**
 * Starts `bedrock-chat-mcp --http --port 0 …` and resolves once it prints where it listens;
 * `stop()` sends SIGTERM (graceful shutdown) and waits for the exit.
 */
export function startHttpInstance(bin, args, env) {
  const child = spawn(process.execPath, [bin, '--http', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bedrock-chat-mcp exited with ${code}: ${stderr}`)));
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString('utf8');
      const listening = /listening on (http:\/\/\S+)/.exec(stderr);
      if (!listening?.[1]) return;
      resolve({
        url: listening[1],
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
