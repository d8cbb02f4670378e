/** A piece of a JSON body written byte for byte: what JSON.stringify cannot say (1e400, bad UTF-8, depth). */
export class RawJson {
  constructor(readonly bytes: Buffer) {}
}

export const rawJson = (text: string | Buffer | number[]) =>
  new RawJson(typeof text === 'string' ? Buffer.from(text) : Buffer.from(text));

/** `depth` nested arrays or objects around `core`, as JSON text. */
export const nestedJson = (depth: number, open: string, close: string, core = '') =>
  rawJson(`${open.repeat(depth)}${core}${close.repeat(depth)}`);

const marker = '@@raw-json-8f3a@@';
const markerPattern = new RegExp(`"${marker}(\\d+)"`, 'g');

/** The JSON bytes of `value` with its RawJson pieces spliced in. */
export function encodeJson(value: unknown): Buffer {
  const pieces: Buffer[] = [];
  const text = JSON.stringify(value, (_key, member: unknown) =>
    member instanceof RawJson ? `${marker}${pieces.push(member.bytes) - 1}` : member,
  );
  const parts: Buffer[] = [];
  let offset = 0;
  for (const match of text.matchAll(markerPattern)) {
    parts.push(Buffer.from(text.slice(offset, match.index)), pieces[Number(match[1])] as Buffer);
    offset = match.index + match[0].length;
  }
  parts.push(Buffer.from(text.slice(offset)));
  return Buffer.concat(parts);
}

/** The value a server decodes from `bytes`, or why it cannot: strict UTF-8, then JSON. */
export function decodeJson(bytes: Buffer): { value: unknown } | { error: string } {
  let text: string;
  try {
    // a UTF-8 byte order mark is dropped, as RFC 8259 lets a parser do
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'the body is not UTF-8' };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: 'the body is not JSON' };
  }
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function forbiddenText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains NUL';
  if (loneSurrogate.test(text)) return 'contains a lone surrogate';
  return undefined;
}

/**
 * The first text or number in `value` that no input may carry: NUL, a lone surrogate, a non-finite number.
 * Iterative: fuzzed values nest deeper than the call stack goes.
 */
export function forbiddenContent(value: unknown, name = 'body'): string | undefined {
  const pending: Array<[string, unknown]> = [[name, value]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [path, member] = next;
    if (typeof member === 'string') {
      const found = forbiddenText(member);
      if (found) return `${path} ${found}`;
    } else if (typeof member === 'number') {
      if (!Number.isFinite(member)) return `${path} is ${member}`;
    } else if (member !== null && typeof member === 'object') {
      for (const [key, child] of Object.entries(member)) {
        const found = forbiddenText(key);
        if (found) return `the key ${JSON.stringify(key)} ${found}`;
        pending.push([`${path}.${key}`, child]);
      }
    }
  }
  return undefined;
}
