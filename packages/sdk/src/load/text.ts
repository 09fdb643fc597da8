import { parseJson } from './parse.ts';
import { validateToile, type ValidateOptions, type ValidationResult } from '../validate/validate.ts';

/**
 * Parses and validates the text of a Toile JSON document. Malformed JSON gives an invalid result
 * whose single problem names the line and column; it never throws on bad input.
 */
export function readToileText(text: string, options: ValidateOptions = {}): ValidationResult {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return {
      valid: false,
      data: null,
      problems: [parsed.problem],
      errors: 1,
      warnings: 0,
      truncated: false,
      removed: { establishments: 0, flows: 0, resources: 0 },
    };
  }
  const result = validateToile(parsed.value, options);
  if (parsed.problems.length === 0) return result;
  // Problems of the text (keys written twice) come first, as they were found first; the list keeps
  // its cap, the counts stay exact.
  const max = options.maxProblems ?? 1000;
  const problems = [...parsed.problems, ...result.problems];
  return {
    ...result,
    problems: problems.slice(0, max),
    truncated: result.truncated || problems.length > max,
    warnings: result.warnings + parsed.problems.length,
  };
}
