/**
 * Orders SimObject paths with numbers compared by value (cpu2 before cpu10). Written out rather than
 * `localeCompare(…, { numeric: true })`: that loads ICU collation data, which costs `inspect` ~20 ms at start-up.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      // Compare by value without parsing: strip leading zeros, then longer is larger, then digit by digit.
      const da = a.slice(i, ei).replace(/^0+(?=\d)/, '');
      const db = b.slice(j, ej).replace(/^0+(?=\d)/, '');
      if (da.length !== db.length) return da.length - db.length;
      if (da !== db) return da < db ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  const rest = (a.length - i) - (b.length - j);
  // Equal by value but spelled differently (cpu01 / cpu1): still a total order.
  return rest !== 0 || a === b ? rest : a < b ? -1 : 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
