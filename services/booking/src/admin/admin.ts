/** Keyset position in the admin list: newest first by (createdAt, id). */
export interface ListPosition {
  createdAt: string;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (position: ListPosition): string =>
  btoa(`${position.createdAt}|${position.id}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

export function decodeCursor(cursor: string): ListPosition | null {
  try {
    const [createdAt, id, ...rest] = atob(cursor.replaceAll('-', '+').replaceAll('_', '/')).split('|');
    if (rest.length > 0 || !createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !uuidPattern.test(id))
      return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

export type Search =
  | { kind: 'booking'; bookingId: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'invalid' };

/**
 * What an admin typed in the search box: a booking id, or a phone number in any format (+91 98123 45678,
 * 98123-45678, the last digits). Phones are matched on their trailing digits.
 */
export function classifySearch(q: string): Search {
  const text = q.trim();
  if (uuidPattern.test(text)) return { kind: 'booking', bookingId: text.toLowerCase() };
  if (/^[\d\s+().-]+$/.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 4) return { kind: 'phone', digits };
  }
  return { kind: 'invalid' };
}
