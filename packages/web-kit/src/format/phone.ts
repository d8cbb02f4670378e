/**
 * A mobile number as people in India type it, in E.164: "98765 43210", "098765 43210" and "91 98765 43210"
 * become "+919876543210". Anything else (another country, a typo) is sent as typed, for the server to check
 * and explain.
 */
export function toIndianMobile(typed: string): string {
  const compact = typed.trim().replace(/[\s\-.()]/g, '');
  const national = /^(?:\+?91|0)?([6-9]\d{9})$/.exec(compact)?.[1];
  return national ? `+91${national}` : typed.trim();
}

/** "+919876543210" → "+91 98765 43210"; other numbers as they are. */
export function formatIndianMobile(e164: string): string {
  const national = /^\+91(\d{5})(\d{5})$/.exec(e164);
  return national ? `+91 ${national[1]} ${national[2]}` : e164;
}
