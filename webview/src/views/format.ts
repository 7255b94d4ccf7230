/** Number formatting shared by the views. */
export { formatSizeText as formatBytes } from '../../../server/src/protocol/format';

export function seconds(tick: string | null): string {
  return tick && /^\d+$/.test(tick) ? `${(Number(tick) / 1e12).toFixed(6)} s` : '?';
}

/** xxd-like rows: address, 16 hex bytes, ASCII. */
export function hexRows(hex: string, base: bigint): { addr: string; bytes: string; ascii: string }[] {
  const rows = [];
  for (let i = 0; i < hex.length / 2; i += 16) {
    const chunk = hex.slice(i * 2, (i + 16) * 2);
    const bytes = chunk.match(/../g) ?? [];
    rows.push({
      addr: '0x' + (base + BigInt(i)).toString(16).padStart(9, '0'),
      bytes: bytes.join(' '),
      ascii: bytes.map((b) => {
        const c = parseInt(b, 16);
        return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
      }).join(''),
    });
  }
  return rows;
}
