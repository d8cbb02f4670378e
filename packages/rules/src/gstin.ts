/**
 * India's GST identification number: 15 characters, `SS PPPPPPPPPP E Z C`
 * - SS: the state code, 01 to 38 (29 is Karnataka);
 * - P: the holder's PAN, five letters, four digits, one letter;
 * - E: which registration of that PAN in that state, 1-9 then A-Z;
 * - Z: the letter Z;
 * - C: the check character, mod 36 over the first 14 (the GSTN's published algorithm).
 */
export type GstinProblem =
  | 'length'
  | 'characters'
  | 'state_code'
  | 'pan'
  | 'entity'
  | 'default_letter'
  | 'checksum';

export type GstinCheck = { ok: true; gstin: string } | { ok: false; problem: GstinProblem; message: string };

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const highestStateCode = 38;

const messages: Record<GstinProblem, string> = {
  length: 'must be 15 characters',
  characters: 'may hold only the letters A-Z and the digits 0-9',
  state_code: `must start with a state code from 01 to ${highestStateCode} (29 is Karnataka)`,
  pan: 'must hold a PAN in characters 3 to 12 (five letters, four digits, one letter)',
  entity: 'must have 1-9 or A-Z as its 13th character',
  default_letter: 'must have Z as its 14th character',
  checksum: 'has a wrong last character (the check character): look for a mistyped character',
};

/**
 * The check character of the first 14 characters: each character's value (0-9, A=10 … Z=35) times 1 or 2
 * alternately from the left, each product's base-36 digits summed, and the character that brings the sum to
 * a multiple of 36.
 */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let index = 0; index < first14.length; index += 1) {
    const product = alphabet.indexOf(first14[index]!) * (index % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return alphabet[(36 - (sum % 36)) % 36]!;
}

const refuse = (problem: GstinProblem): GstinCheck => ({ ok: false, problem, message: messages[problem] });

/** Checks a GSTIN as typed (spaces around it and lower case are forgiven) and gives it in its one spelling. */
export function checkGstin(input: string): GstinCheck {
  const gstin = input.trim().toUpperCase();
  if (gstin.length !== 15) return refuse('length');
  if (!/^[0-9A-Z]{15}$/.test(gstin)) return refuse('characters');
  const stateCode = Number(gstin.slice(0, 2));
  if (!/^\d\d$/.test(gstin.slice(0, 2)) || stateCode < 1 || stateCode > highestStateCode)
    return refuse('state_code');
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(gstin.slice(2, 12))) return refuse('pan');
  if (gstin[12] === '0') return refuse('entity');
  if (gstin[13] !== 'Z') return refuse('default_letter');
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin[14]) return refuse('checksum');
  return { ok: true, gstin };
}
