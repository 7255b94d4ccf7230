/** `gem5-ckpt inspect DIR [--format text|json]`: what is in a checkpoint, without inflating any store. */
// The module itself, not the checkpoint barrel: the barrel's read path (pako, the seek index) would load at start-up.
import { inspectCheckpoint } from '../../checkpoint/inspect';
import type { CheckpointSummary } from '../../protocol/checkpoint';
import { useSyncFileCalls } from '../../checkpoint/fsLite';
import { oneDirectory, EXIT_OK, EXIT_PROBLEMS, formatSize, json, oneOf, parseCommandArgs, type Command } from '../common';

const USAGE = 'usage: gem5-ckpt inspect DIR [--format text|json]';

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'summarise a checkpoint directory (stores, roles, CPUs, caches, disks, problems)',
  usage: USAGE,
  asProgram: () => useSyncFileCalls(),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' } }, USAGE);
    const dir = oneDirectory(positionals, USAGE);
    const format = oneOf(values.format as string | undefined, ['text', 'json'] as const, 'text', 'format');
    const summary = await inspectCheckpoint(dir, { signal: io.signal });
    io.out(format === 'json' ? json(summary) : renderSummary(summary));
    return summary.problems.some((p) => p.severity === 'error' || p.severity === 'warning') ? EXIT_PROBLEMS : EXIT_OK;
  },
};

export function renderSummary(s: CheckpointSummary): string {
  const lines: string[] = [`checkpoint ${s.path}`];
  const field = (name: string, value: string) => lines.push(`  ${name.padEnd(13)}${value}`);
  if (s.generated) field('generated', s.generated);
  if (s.curTick) field('curTick', `${s.curTick} (${(Number(s.curTick) / 1e12).toFixed(6)} s simulated at 1 ps/tick)`);
  field('version tags', s.versionTags.length ? `${s.versionTags.length} (${s.versionTags[0]} … ${s.versionTags.at(-1)})` : 'none');
  field('config.ini', s.configIni ? `${s.configIni}${s.platform ? ` (${s.platform})` : ''}` : 'not found (store roles and addresses unknown)');
  if (s.kvm !== null) field('KVM', s.kvm ? 'yes' : 'no');
  lines.push(`stores (${s.stores.length}${s.nbrOfStores !== null ? `, nbr_of_stores=${s.nbrOfStores}` : ''})`);
  for (const st of s.stores) {
    const size = /^\d+$/.test(st.rangeSize) ? formatSize(BigInt(st.rangeSize)) : st.rangeSize;
    const where = st.start ? `${st.start}–${st.end}` : 'address unknown';
    const file = st.present ? `${st.file} (${formatSize(BigInt(st.compressedBytes ?? '0'))} compressed)` : `${st.file} (MISSING)`;
    lines.push(`  store${st.id}  ${size.padEnd(9)} ${(st.role ?? 'role unknown').padEnd(12)} ${where}  ${file}` +
      (st.memories.length ? `  ← ${st.memories.join(', ')}` : ''));
  }
  const active = s.cpus.filter((c) => c.active).length;
  lines.push(`cpus (${s.cpus.length}, ${active} active, ${s.threadContexts} thread contexts)`);
  for (const c of s.cpus) {
    const pc = c.threads[0]?.pcHex ? `  pc ${c.threads[0].pcHex}` : '';
    lines.push(`  ${c.section}  ${c.active ? 'active' : 'switched out'}${c.model ? `  ${c.model}` : ''}${pc}`);
  }
  const bad = s.caches.filter((c) => c.badCheckpoint);
  lines.push(`caches (${s.caches.length}${bad.length ? `, ${bad.length} with bad_checkpoint=true` : ', all clean'})`);
  for (const d of s.disks) {
    lines.push(`disk ${d.section} → ${d.cowFilename}${d.present ? (d.sectors ? ` (${d.sectors} sectors written)` : '') : ' (MISSING)'}`);
  }
  for (const b of s.bridges) lines.push(`bridge ${b.section}: ${b.dataLines} data= lines (ignored on restore)`);
  for (const o of s.oddities ?? []) lines.push(`oddity: ${o}`);
  for (const r of s.repeatedKeys) lines.push(`repeated key ${r.section}:${r.key} × ${r.count} (lines ${r.firstLine}–${r.lastLine})`);
  if (s.problems.length) {
    lines.push(`problems (${s.problems.length})`);
    for (const p of s.problems) {
      const at = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
      lines.push(`  ${at}${p.severity} ${p.code}: ${p.message}`);
    }
  } else {
    lines.push('no problems found');
  }
  return lines.join('\n') + '\n';
}
