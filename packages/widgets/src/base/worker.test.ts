/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { getWorkerBase, setWorkerBase, startWorker } from './worker.ts';

const ask = (worker: Worker, text: string) =>
  new Promise<string>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<string>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'worker error'));
    worker.postMessage(text);
  });

describe('startWorker', () => {
  it('starts a same-origin module worker directly', async () => {
    const worker = startWorker('echo-worker.fixture.js', () => new Worker(new URL('./echo-worker.fixture.ts', import.meta.url), { type: 'module' }));
    expect(await ask(worker, 'toile')).to.equal('eliot');
    worker.terminate();
  });

  it('starts a worker whose script is on another origin (the kit on a CDN) through a blob bootstrap', async () => {
    // The test server answers on localhost and 127.0.0.1: two origins, one server (with CORS headers).
    const here = new URL('./echo-worker.fixture.ts', import.meta.url);
    const other = new URL(here.href.replace(here.hostname, here.hostname === 'localhost' ? '127.0.0.1' : 'localhost'));
    expect(() => new Worker(other, { type: 'module' })).to.throw();
    const worker = startWorker('echo-worker.fixture.js', () => new Worker(other, { type: 'module' }));
    expect(await ask(worker, 'CDN')).to.equal('NDC');
    worker.terminate();
  });

  describe('with a base set by setWorkerBase (prebuilt workers, for esbuild hosts)', () => {
    const bundled = (): Worker => {
      throw new Error('the bundler-built worker must not be started');
    };
    afterEach(() => setWorkerBase(null));

    it('starts the named file from that base instead of the bundler-built worker', async () => {
      // Served as .js from the sources (see web-test-runner.config.mjs), as dist/workers/ would be.
      setWorkerBase(new URL('./', import.meta.url).pathname);
      expect(getWorkerBase()?.href).to.equal(new URL('./', import.meta.url).href);
      const worker = startWorker('echo-worker.fixture.js', bundled);
      expect(await ask(worker, 'base')).to.equal('esab');
      worker.terminate();
    });

    it('starts it through the blob bootstrap when the base is on another origin', async () => {
      const here = new URL('./', import.meta.url);
      setWorkerBase(here.href.replace(here.hostname, here.hostname === 'localhost' ? '127.0.0.1' : 'localhost').replace(/\/$/, ''));
      const worker = startWorker('echo-worker.fixture.js', bundled);
      expect(await ask(worker, 'cdn')).to.equal('ndc');
      worker.terminate();
      // The global Worker is the browser's again.
      expect(Worker.name).to.equal('Worker');
    });
  });
});
