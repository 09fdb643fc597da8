// A worker for base/worker.test.ts: answers each message with its text reversed.
self.onmessage = (event: MessageEvent<string>) => (self as unknown as Worker).postMessage([...event.data].reverse().join(''));
