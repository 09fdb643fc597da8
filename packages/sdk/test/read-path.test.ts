/**
 * `loadToile(path)`: the `#read-path` package import picks the Node reader under the `node`
 * condition and the browser one elsewhere (see package.json `imports`); the browser bundle check is
 * in examples/test/pack.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadToile, ToileLoadError } from '../src/index.ts';
import { readPath as browserReadPath } from '../src/load/read-path.browser.ts';

const MINI = new URL('../../../examples/data/mini.toile.json', import.meta.url).pathname;

describe('#read-path', () => {
  it('in Node, loadToile reads a file path', async () => {
    const result = await loadToile(MINI);
    expect(result.valid).toBe(true);
    expect(result.data?.establishments.length).toBe(12);
  });

  it('outside Node, a file path is refused with a file error that says what to give instead', async () => {
    const error = await browserReadPath(MINI, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToileLoadError);
    expect(error).toMatchObject({ kind: 'file', source: MINI });
    expect((error as Error).message).toMatch(/Node\.js only.*URL/);
  });

  it('declares the node and browser readers in package.json imports, with the workspace source condition', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      imports: Record<string, { node: Record<string, string>; default: string }>;
    };
    expect(pkg.imports['#read-path']?.node).toEqual({ 'toile-source': './src/load/read-path.node.ts', default: './dist/src/load/read-path.node.js' });
    expect(pkg.imports['#read-path']?.default).toBe('./dist/src/load/read-path.browser.js');
  });
});
