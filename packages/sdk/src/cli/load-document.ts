import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCsvPackage } from '../csv/read.ts';
import { readToileText } from '../load/text.ts';
import { isParquetPackagePath } from '../parquet/detect.ts';
import type { ValidateOptions, ValidationResult } from '../validate/validate.ts';
import { UsageError, type CliIO, type Lang } from './context.ts';
import { readTextFile } from './read-file.ts';
import { problemLines } from './report.ts';

/** True when the argument names a CSV package (a folder, its datapackage.json or one of its CSV files). */
export function isCsvPackagePath(file: string, io: CliIO): boolean {
  if (/(^|[/\\])datapackage\.json$|\.csv$/i.test(file)) return true;
  try {
    return statSync(resolve(io.cwd, file)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads a Toile JSON file or a CSV package given on the command line, validated. */
export async function loadDocumentFile(file: string, io: CliIO, lang: Lang, options: ValidateOptions = {}): Promise<ValidationResult> {
  if (isParquetPackagePath(resolve(io.cwd, file))) {
    try {
      statSync(resolve(io.cwd, file));
    } catch {
      throw new UsageError(`introuvable : ${file}`, `not found: ${file}`);
    }
    // Loaded only when a Parquet package is read.
    const { readParquetPackage } = await import('../parquet/read.ts');
    return readParquetPackage(resolve(io.cwd, file), options);
  }
  if (isCsvPackagePath(file, io)) {
    try {
      statSync(resolve(io.cwd, file));
    } catch {
      throw new UsageError(`introuvable : ${file}`, `not found: ${file}`);
    }
    return readCsvPackage(resolve(io.cwd, file), options);
  }
  return readToileText(readTextFile(file, io, lang), options);
}

/** Tells on stderr how many problems an input had (commands whose stdout carries data). */
export function reportInputProblems(file: string, result: ValidationResult, io: CliIO, lang: Lang, verbose: boolean): void {
  if (result.problems.length === 0) return;
  // -q/--quiet: warnings alone are not said; errors always are.
  if (io.quiet && result.errors === 0) return;
  io.stderr(
    lang === 'fr'
      ? `${file} : ${result.errors} erreur(s), ${result.warnings} avertissement(s) — seule la partie valide est utilisée\n`
      : `${file}: ${result.errors} error(s), ${result.warnings} warning(s) — only the valid part is used\n`,
  );
  if (verbose) io.stderr(problemLines(result.problems, result.errors + result.warnings, lang));
}
