/** Slugs are how categories travel on the wire: "appliance-repair" → "Appliance repair". */
export function formatSlug(slug: string): string {
  const words = slug.replaceAll('-', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A count on a badge: a phone's tab or bell has room for two digits ("99+" beyond). */
export const formatBadgeCount = (count: number): string => (count > 99 ? '99+' : String(count));

/** A person's initials for an avatar without a photo: "Ravi Kumar" → "RK", "Asha" → "A". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words.at(-1)] : words;
  return picked.map((word) => (word ?? '').charAt(0).toUpperCase()).join('');
}
