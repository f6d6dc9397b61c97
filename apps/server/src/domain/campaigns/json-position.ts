/**
 * Where a JSON text first goes wrong, as line and column, because V8's `JSON.parse` names
 * the position only for some mistakes ("Unexpected token '}'" has none) and a marketer who
 * edited an export by hand needs to know which line to look at.
 */
export interface JsonErrorPosition {
  offset: number;
  line: number;
  column: number;
  /** What was expected there, in English. */
  expected: string;
}

class Stop extends Error {
  readonly offset: number;
  readonly expected: string;
  constructor(offset: number, expected: string) {
    super(expected);
    this.offset = offset;
    this.expected = expected;
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
/** Sticky, so matching at an offset does not copy the rest of a large file. */
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function scan(text: string): void {
  let i = 0;
  // Containers are tracked on an explicit stack so a deeply nested text cannot overflow ours.
  const stack: ('[' | '{')[] = [];
  const skip = () => {
    while (i < text.length && WS.has(text.charAt(i))) i += 1;
  };
  const literal = (): void => {
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word) {
      i += word.length;
      return;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return;
    }
    if (text.charAt(i) === '"') {
      string();
      return;
    }
    throw new Stop(i, 'a value (text in double quotes, a number, true, false, null, [ or {)');
  };
  const string = (): void => {
    i += 1;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '"') {
        i += 1;
        return;
      }
      if (c === '\\') {
        if (!/^\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i, i + 6))) {
          throw new Stop(i, 'a valid escape (\\" \\\\ \\n \\uXXXX …)');
        }
        i += text.charAt(i + 1) === 'u' ? 6 : 2;
        continue;
      }
      if (c < ' ') throw new Stop(i, 'no line breaks or control characters inside text');
      i += 1;
    }
    throw new Stop(i, 'a closing double quote');
  };
  /** Opens a container (leaving what comes next to the loop) or reads a scalar. */
  const value = (): 'value' | 'key' | null => {
    skip();
    const c = text.charAt(i);
    if (c !== '[' && c !== '{') {
      literal();
      return null;
    }
    i += 1;
    skip();
    if (text.charAt(i) === (c === '[' ? ']' : '}')) {
      i += 1;
      return null;
    }
    stack.push(c);
    return c === '{' ? 'key' : 'value';
  };
  const key = (): void => {
    skip();
    if (text.charAt(i) !== '"') throw new Stop(i, 'a property name in double quotes');
    string();
    skip();
    if (text.charAt(i) !== ':') throw new Stop(i, "':' after the property name");
    i += 1;
  };
  let need: 'value' | 'key' | null = 'value';
  for (;;) {
    if (need === 'key') {
      key();
      need = 'value';
      continue;
    }
    if (need === 'value') {
      need = value();
      continue;
    }
    skip();
    const open = stack.at(-1);
    if (open === undefined) break;
    const close = open === '[' ? ']' : '}';
    const c = text.charAt(i);
    if (c === close) {
      stack.pop();
      i += 1;
    } else if (c === ',') {
      i += 1;
      need = open === '{' ? 'key' : 'value';
    } else {
      throw new Stop(i, `',' or '${close}'`);
    }
  }
  if (i < text.length) throw new Stop(i, 'the end of the file');
}

/** The first error of an invalid JSON text; null when the text is valid JSON. */
export function jsonErrorPosition(text: string): JsonErrorPosition | null {
  try {
    scan(text);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) return null;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - before.lastIndexOf('\n');
    return { offset: error.offset, line, column, expected: error.expected };
  }
}
