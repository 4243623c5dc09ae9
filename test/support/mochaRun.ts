import { spawn } from 'node:child_process';

export interface MochaRun {
  passed: number;
  failed: number;
  code: number;
  /** Everything it printed, stdout and stderr, in order. */
  output: string;
}

/**
 * Runs mocha in a child process (a command and its arguments) and counts its summary: "N
 * passing", "N failing". A run that broke before its summary counts as one failure. Its output
 * is kept, not printed, so that runs going on at once can each be printed whole.
 */
export function runMocha(
  command: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<MochaRun> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: options.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => {
      const count = (word: string) =>
        Number(new RegExp(`^\\s+(\\d+) ${word}`, 'm').exec(output)?.[1] ?? 0);
      const failed = count('failing');
      resolve({
        passed: count('passing'),
        failed: code !== 0 && failed === 0 ? 1 : failed,
        code: code ?? 1,
        output,
      });
    });
  });
}
