import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type CliIO } from './context.ts';

/** The longest string V8 can hold is about 512 MiB; larger files are refused with a clear message. */
const MAX_TEXT_BYTES = 500 * 1024 * 1024;

/** Reads a UTF-8 text file given on the command line, with errors a person understands. */
export function readTextFile(file: string, io: CliIO): string {
  const path = resolve(io.cwd, file);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`« ${file} » n’est pas un fichier`, `"${file}" is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`fichier introuvable ou illisible : ${file}`, `cannot read file: ${file}`);
  }
  if (size > MAX_TEXT_BYTES) {
    throw new UsageError(
      `« ${file} » fait ${Math.round(size / 1048576)} Mo : au-delà de 500 Mo, découpez-le ou passez par le paquet CSV`,
      `"${file}" is ${Math.round(size / 1048576)} MB: above 500 MB, split it or use the CSV package`,
    );
  }
  return readFileSync(path, 'utf8');
}
