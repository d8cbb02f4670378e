export type PhoneCheck = { ok: true; phone: string } | { ok: false; reason: string };

/** National number lengths we know exactly; other countries get E.164's general bounds. */
const nationalRules: Record<string, { digits: number; leading: RegExp; country: string }> = {
  '91': { digits: 10, leading: /^[6-9]/, country: 'Indian mobile numbers' },
};

/**
 * Normalises a typed phone number to E.164 (`+` and 8 to 15 digits, no leading zero in the country code):
 * spaces, dashes, dots and brackets are dropped and a `00` international prefix becomes `+`. Indian
 * numbers must be 10-digit mobiles (6 to 9 first), since SMS goes only to mobiles.
 */
export function normalizePhone(input: string): PhoneCheck {
  const compact = input.trim().replace(/[\s\-.()]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!international.startsWith('+'))
    return { ok: false, reason: 'Start with + and the country code, e.g. +91 98765 43210' };
  const digits = international.slice(1);
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'Use digits only after the +' };
  if (digits.startsWith('0')) return { ok: false, reason: 'A country code never starts with 0' };
  if (digits.length < 8 || digits.length > 15)
    return { ok: false, reason: 'An E.164 number has 8 to 15 digits after the +' };
  for (const [code, rule] of Object.entries(nationalRules)) {
    if (!digits.startsWith(code)) continue;
    const national = digits.slice(code.length);
    if (national.length !== rule.digits || !rule.leading.test(national))
      return {
        ok: false,
        reason: `${rule.country} have ${rule.digits} digits after +${code}, starting 6 to 9`,
      };
  }
  return { ok: true, phone: `+${digits}` };
}

/** `+919876543210` → `+91•••••••210`, for logs and messages that must not carry the whole number. */
export const maskPhone = (phone: string): string =>
  phone.length <= 6 ? phone : `${phone.slice(0, 3)}${'•'.repeat(phone.length - 6)}${phone.slice(-3)}`;
