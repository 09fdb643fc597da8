/**
 * `loadToile` given a file path, outside Node (browsers, workers): there is no file system to read,
 * so the path is refused with a `file` error. See `read-path.node.ts` for Node.
 */
import { ToileLoadError, type LoadOptions } from './load.ts';
import type { ValidationResult } from '../validate/validate.ts';

/** Refuses the path: only URLs, JSON text and objects can be loaded here. */
export function readPath(path: string, _options: LoadOptions): Promise<ValidationResult> {
  const fr = `impossible de lire ${path} : les chemins de fichier ne se lisent que dans Node.js (donnez une URL, un texte JSON ou un objet)`;
  return Promise.reject(
    new ToileLoadError(`cannot read ${path}: file paths are read in Node.js only (give a URL, JSON text or an object)`, 'file', path, undefined, { fr }),
  );
}
