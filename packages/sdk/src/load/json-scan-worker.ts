/**
 * The second thread of the JSON scan: scans each part of the flows it is asked for (see
 * `json-scan-part.ts`) and posts it back, its typed arrays moved, not copied. It stays for the next
 * file (see `json-scan-split.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { partBuffers, scanFlowsPart } from './json-scan-part.ts';

/** What the first thread asks (`json-scan-split.ts`). */
export interface PartTask {
  path: string;
  at: number;
  block: number;
}

parentPort?.on('message', (task: PartTask) => {
  void scanFlowsPart(task.path, task.at, task.block).then(
    (part) => parentPort!.postMessage(part ?? null, part ? partBuffers(part) : []),
    () => parentPort!.postMessage(null),
  );
});
