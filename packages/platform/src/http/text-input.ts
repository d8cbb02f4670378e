/**
 * Text PostgreSQL cannot store: NUL (in text; `\u0000` in jsonb) or an unpaired surrogate (in jsonb). With the
 * `u` flag a surrogate range matches only unpaired ones, since a pair is read as one code point.
 */
const unstorable = /[\0\uD800-\uDFFF]/u;
const isUnstorable = (text: string): boolean => unstorable.test(text);

/**
 * The path (`body.address.label`) of the first string, or object key, holding a NUL character or an unpaired
 * UTF-16 surrogate, anywhere in a parsed request part; undefined when there is none. Iterative, so a deeply
 * nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, root: string): string | undefined {
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (isUnstorable(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => {
        pending.push([item, `${path}[${index}]`]);
      });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (isUnstorable(key)) return `${path} (a field name)`;
        pending.push([item, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}
