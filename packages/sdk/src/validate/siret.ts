/**
 * SIRET checks. A SIRET is the SIREN (9 digits) of the company plus a 5-digit establishment number;
 * its 14 digits pass the Luhn checksum — except La Poste (SIREN 356 000 000), whose thousands of
 * establishments are numbered so that the digit sum is a multiple of 5 instead.
 */

const LA_POSTE_SIREN = '356000000';
/** Fourteen digits (one object for every call: a literal in the function is a new object at each, 10⁵ of them on a national table). */
const FOURTEEN_DIGITS = /^[0-9]{14}$/;

/** True when `siret` is 14 digits with a valid checksum (Luhn, or La Poste's digit-sum rule). */
export function isValidSiret(siret: string): boolean {
  if (!FOURTEEN_DIGITS.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== '35600000000048') {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += siret.charCodeAt(i) - 48;
    return sum % 5 === 0;
  }
  return luhnSum(siret) % 10 === 0;
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** The Luhn check digit that completes `digits` (used by generators and tests). */
export function luhnCheckDigit(digits: string): number {
  return (10 - (luhnSum(`${digits}0`) % 10)) % 10;
}
