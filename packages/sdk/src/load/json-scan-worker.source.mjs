// The JSON scan's second thread when the SDK runs from its TypeScript sources (tests, benchmarks):
// Node 20's worker threads do not inherit the loaders of the thread that starts them, so tsx is
// registered here first. The built package starts `json-scan-worker.js` directly.
import { register } from 'tsx/esm/api';

register();
await import('./json-scan-worker.ts');
