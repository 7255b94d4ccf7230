/**
 * Decoding of Python literal tokens (strings and numbers) into values. Pure functions over the token text:
 * the parser tells us where a literal is, this module says what it means.
 */

/** Decodes a Python string literal (with optional r/u/b prefix). Returns null for bytes or malformed text. */
export function decodeStringLiteral(raw: string): string | null {
  const m = /^([rRuUbBfF]{0,2})('''|"""|'|")/.exec(raw);
  if (!m) return null;
  const prefix = m[1].toLowerCase();
  if (prefix.includes('b')) return null;
  const quote = m[2];
  if (!raw.endsWith(quote) || raw.length < m[0].length + quote.length) return null;
  const body = raw.slice(m[0].length, raw.length - quote.length);
  return prefix.includes('r') ? body : unescapePython(body);
}

/** Python escape sequences of a non-raw string body (also used for the literal parts of f-strings). */
export function unescapePython(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case '\n':
        break; // line continuation inside a string
      case '\r':
        if (body[i + 1] === '\n') i++;
        break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        let j = i;
        while (j < body.length && j < i + 3 && /[0-7]/.test(body[j])) j++;
        out += String.fromCharCode(parseInt(body.slice(i, j), 8));
        i = j - 1;
        break;
      }
      case 'x': case 'u': case 'U': {
        const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) {
          out += String.fromCodePoint(parseInt(hex, 16));
          i += len;
        } else out += '\\' + n;
        break;
      }
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\': case "'": case '"': out += n; break;
      default: out += '\\' + n; // unknown escapes stay as written, as in Python
    }
  }
  return out;
}

export type NumberLiteral = { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | null;

/** Decodes a Python number literal (underscores, 0x/0o/0b, floats); null for imaginary or malformed literals. */
export function decodeNumberLiteral(raw: string): NumberLiteral {
  const s = raw.replace(/_/g, '');
  if (/[jJ]$/.test(s)) return null;
  if (/^0[xX][0-9a-fA-F]+$/.test(s) || /^0[oO][0-7]+$/.test(s) || /^0[bB][01]+$/.test(s)) {
    const norm = s[1] === 'o' || s[1] === 'O' ? '0o' + s.slice(2) : s;
    return { kind: 'int', value: BigInt(norm) };
  }
  if (/^(0+|[1-9][0-9]*)$/.test(s)) return { kind: 'int', value: BigInt(s) };
  if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) return { kind: 'float', value: Number(s) };
  return null;
}
