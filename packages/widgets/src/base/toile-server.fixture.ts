/**
 * Test aid: asks the test runner for a real Toile API server (scripts/wtr-toile-server.mjs, the
 * `startToileServer` command) and waits until it is up — asking again while it answers `pending`,
 * since a command must answer within 20 s and a server may take longer to start on loaded cores.
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** Asks for the server `request.name` until it is up (at most `timeoutMs`). */
export async function startToileServer<R, P extends { name: string }>(request: P, timeoutMs = 240_000): Promise<R> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await executeServerCommand<R | { pending: true }, P>('startToileServer', request);
    if (!(answer && typeof answer === 'object' && 'pending' in answer)) return answer as R;
    if (Date.now() > until) throw new Error(`the Toile server ${request.name} did not start within ${timeoutMs} ms`);
  }
}
