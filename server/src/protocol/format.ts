/** Byte counts for people, shared by the CLI, the Checkpoints view and the explorer: binary units, as gem5 sizes are. */
export function formatSize(bytes: bigint): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let u = 0;
  let scale = 1n;
  while (u < units.length - 1 && bytes >= scale * 1024n) {
    scale *= 1024n;
    u++;
  }
  if (u === 0) return `${bytes} B`;
  const whole = bytes / scale;
  const tenth = ((bytes % scale) * 10n) / scale;
  return tenth === 0n ? `${whole} ${units[u]}` : `${whole}.${tenth} ${units[u]}`;
}

/** A decimal byte-count string (as JSON carries 64-bit values) formatted, or the text itself when it is not one. */
export function formatSizeText(text: string | null): string {
  return text && /^\d+$/.test(text) ? formatSize(BigInt(text)) : text ?? '?';
}
