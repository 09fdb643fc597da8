/** The CLI run in the test's own process, with its streams captured: fast, and no child to spawn. */
import { runCli, type CliIO } from '@toile/sdk/node';

/** What a CLI run printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A `toile(...args)` function that runs the CLI in-process with `cwd` as its working folder. */
export function cliIn(cwd: string, env: Record<string, string> = {}): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, env, cwd };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  };
}
