import { spawn } from 'node:child_process';

/**
 * Runs mocha in a child process (a command and its arguments), passing its output through, and
 * counts its summary: "N passing", "N failing". A run that broke before its summary counts as one
 * failure.
 */
export function runMocha(
  command: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<{ passed: number; failed: number; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: options.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('close', (code) => {
      const count = (word: string) =>
        Number(new RegExp(`^\\s+(\\d+) ${word}`, 'm').exec(output)?.[1] ?? 0);
      const failed = count('failing');
      resolve({
        passed: count('passing'),
        failed: code !== 0 && failed === 0 ? 1 : failed,
        code: code ?? 1,
      });
    });
  });
}
