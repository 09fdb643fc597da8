/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { startWorker } from './worker.ts';

const ask = (worker: Worker, text: string) =>
  new Promise<string>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<string>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'worker error'));
    worker.postMessage(text);
  });

describe('startWorker', () => {
  it('starts a same-origin module worker directly', async () => {
    const worker = startWorker((Worker) => new Worker(new URL('./echo-worker.fixture.ts', import.meta.url), { type: 'module' }));
    expect(await ask(worker, 'toile')).to.equal('eliot');
    worker.terminate();
  });

  it('starts a worker whose script is on another origin (the kit on a CDN) through a blob bootstrap', async () => {
    // The test server answers on localhost and 127.0.0.1: two origins, one server (with CORS headers).
    const here = new URL('./echo-worker.fixture.ts', import.meta.url);
    const other = new URL(here.href.replace(here.hostname, here.hostname === 'localhost' ? '127.0.0.1' : 'localhost'));
    expect(() => new Worker(other, { type: 'module' })).to.throw();
    const worker = startWorker((Worker) => new Worker(other, { type: 'module' }));
    expect(await ask(worker, 'CDN')).to.equal('NDC');
    worker.terminate();
  });
});
