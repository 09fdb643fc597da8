/**
 * The one rule both byte readers (the JSON scan, CSV cells read in place) use to turn decimal digits
 * into a number without making a string: Clinger's fast path. An integer of at most 15 digits is
 * below 2^53, so exact as a double, and so is a power of ten up to 10^22; one IEEE division of the
 * two is correctly rounded, which is what `Number(text)` and `JSON.parse` give. Longer digit runs
 * and exponents are for `Number` itself.
 */

/** Most digits a mantissa may have for {@link decimalValue} (beyond: `Number`). */
export const EXACT_DIGITS = 15;

/** Powers of ten a double holds exactly. */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** `mantissa` (≤ {@link EXACT_DIGITS} digits) with its last `fraction` digits after the decimal point, correctly rounded. */
export function decimalValue(mantissa: number, fraction: number): number {
  return fraction > 0 ? mantissa / EXACT_POWERS[fraction]! : mantissa;
}
