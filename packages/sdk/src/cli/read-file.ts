import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { UsageError, type CliIO, type Lang } from './context.ts';
import { jsonChunks } from '../io/write-json.ts';
import { writeChunks } from '../io/write-chunks.ts';

/** The longest string V8 can hold is about 512 MiB; larger files are refused with a clear message. */
const MAX_TEXT_BYTES = 500 * 1024 * 1024;
/** Files above this size show a progress bar while they are read (when stderr is a terminal). */
const PROGRESS_FROM_BYTES = 4 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

/** Reads a UTF-8 text file given on the command line, with errors a person understands. */
export function readTextFile(file: string, io: CliIO, lang: Lang = 'fr'): string {
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
  const bar =
    io.stderrIsTTY && size > PROGRESS_FROM_BYTES
      ? new SingleBar({
          stream: process.stderr,
          format: `${lang === 'fr' ? 'Lecture' : 'Reading'} {bar} {percentage}% · {value}/{total} Mo`,
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
  // Read in chunks so that the bar moves; one buffer, decoded once.
  const buffer = Buffer.allocUnsafe(size);
  const fd = openSync(path, 'r');
  try {
    bar?.start(Math.ceil(size / 1048576), 0);
    for (let offset = 0; offset < size;) {
      const read = readSync(fd, buffer, offset, Math.min(CHUNK, size - offset), offset);
      if (read === 0) break;
      offset += read;
      bar?.update(Math.round(offset / 1048576));
    }
  } finally {
    closeSync(fd);
    bar?.stop();
  }
  return buffer.toString('utf8');
}

/**
 * Writes a JSON document (`JSON.stringify(value, null, 2)` and a line break) to an output file, or
 * to stdout without `file`, chunk by chunk: a document larger than V8's longest string is written
 * too (`JSON.stringify` would die with `Invalid string length`).
 */
export async function writeJsonOutput(file: string | undefined, value: unknown, io: CliIO): Promise<void> {
  function* text(): Generator<string, void, undefined> {
    yield* jsonChunks(value);
    yield '\n';
  }
  await writeChunksOutput(file, text(), io);
}

/**
 * Writes a command's output given in chunks to an output file (relative to the user's folder), or
 * to stdout without `file`: through `io.stdoutStream` when there is one, waiting for a slow reader,
 * else chunk by chunk to `io.stdout`. The output is never one string, whatever its size.
 */
export async function writeChunksOutput(file: string | undefined, chunks: Iterable<string>, io: CliIO): Promise<void> {
  if (file === undefined) {
    if (io.stdoutStream) await writeChunks(io.stdoutStream, chunks);
    else for (const chunk of chunks) io.stdout(chunk);
    return;
  }
  try {
    await writeChunks(resolve(io.cwd, file), chunks);
  } catch {
    throw new UsageError(`impossible d’écrire ${file}`, `cannot write ${file}`);
  }
}
