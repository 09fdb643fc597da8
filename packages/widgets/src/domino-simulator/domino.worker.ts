/**
 * The domino worker: receives the (public) document once, prepares the index and the dependency
 * matrix once, then answers runs and systemic rankings with the SDK. Plain data in and out.
 */
import { prepareDomino, rankSystemic, runDomino, type PreparedDomino } from '@toile/sdk';
import type { FromWorker, ToWorker } from './domino-runner.ts';

// The project's lib has DOM, not WebWorker: the little of the worker scope used here, typed by hand.
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

let prepared: PreparedDomino | undefined;
const running = new Map<number, AbortController>();

const fail = (id: number, error: unknown) =>
  scope.postMessage({
    type: 'error',
    id,
    name: error instanceof Error || error instanceof DOMException ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  });

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'load':
      prepared = prepareDomino(message.doc);
      break;
    case 'run':
      try {
        if (!prepared) throw new Error('no document loaded');
        scope.postMessage({ type: 'result', id: message.id, outcome: runDomino(prepared, message.request) });
      } catch (error) {
        fail(message.id, error);
      }
      break;
    case 'rank': {
      if (!prepared) {
        fail(message.id, new Error('no document loaded'));
        break;
      }
      const controller = new AbortController();
      running.set(message.id, controller);
      const { id, request } = message;
      rankSystemic(prepared, {
        model: request.model,
        threshold: request.threshold,
        top: request.top,
        includeExternal: request.includeExternal ?? false,
        signal: controller.signal,
        onProgress: (done, total) => scope.postMessage({ type: 'progress', id, done, total }),
      })
        .then((ranking) => scope.postMessage({ type: 'ranking', id, ranking }))
        .catch((error: unknown) => fail(id, error))
        .finally(() => running.delete(id));
      break;
    }
    case 'cancel':
      running.get(message.id)?.abort();
      break;
  }
});
