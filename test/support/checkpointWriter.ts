/**
 * Writes gem5-format checkpoints for tests, benchmarks and the example workspace: a take run's outdir with
 * `config.ini` and `checkpoint/` holding `m5.cpt`, gzip `.pmem` stores (numbered with gem5's own rule, §1.4) and an
 * optional COW disk file. Known bytes go at known physical addresses, so reads can be checked exactly.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeStoreOrder, type StoreMemory } from '../../server/src/checkpoint/storeOrder';
import { streamWriter, writeGzipStore, type StoreWrite } from './gzipStore';

export const GiB = 1024n ** 3n;
export const MiB = 1024n ** 2n;

export interface FixtureMemory {
  /** SimObject path, e.g. "board.remote_memory" or "board.memory.mem_ctrl.dram". */
  name: string;
  type: string;
  start: bigint;
  size: bigint;
  inAddrMap: boolean;
  /** Channels of a multi-channel memory: one config.ini section per channel, all merged into one store. */
  channels?: number;
}

export interface FixtureCheckpoint {
  memories: FixtureMemory[];
  /** Bytes to place at physical addresses. */
  writes?: { addr: bigint; bytes: Buffer }[];
  cpu?: { count: number; type: string; switchedOut?: boolean; group?: string };
  caches?: { section: string; bad?: boolean }[];
  disk?: boolean;
  curTick?: bigint;
  versionTags?: string[];
  /** Write the take run's config.ini next to the checkpoint directory (default true). */
  configIni?: boolean;
  /** Era-A bridge section with this many `data=` lines. */
  bridgeDataLines?: number;
  /** Raw lines appended to m5.cpt (hostile input tests). */
  extraCptLines?: string[];
  level?: number;
}

export const VERSION_TAGS = ('arm-ccregs arm-contextidr-el2 arm-gem5-gic-ext arm-gicv2-banked-regs arm-hdlcd-upgrade ' +
  'arm-miscreg-teehbr arm-sve arm-sysreg-mapping-ns armv8 cpu-pid dvfs-perflevel etherswitch globals-to-root ' +
  'ide-dma-abort isa-is-simobject memory-per-range mempool-sections mempool-to-seworkload multiple-event-queues ' +
  'process-fdmap-rename register-files remove-arm-cpsr-mode-miscreg riscv-dyn-vlen riscv-pcstate riscv-vext ' +
  'ruby-block-size-bytes smt-interrupts x86-add-tlb').split(' ');

export interface WrittenCheckpoint {
  outdir: string;
  checkpointDir: string;
  configIni: string | null;
  /** Store index → memory names, as gem5 would number them. */
  stores: { index: number; memories: string[]; start: bigint; size: bigint; file: string }[];
}

/** SST board layout (§1.4 row 1): bridge not in the address map → store0 remote, store1 local. */
export function sstBoardLayout(local = GiB, remoteStart = 0x100000000n, remote = GiB): FixtureMemory[] {
  return [
    { name: 'board.memory.mem_ctrl.dram', type: 'DDR4_2400_8x8', start: 0x80000000n, size: local, inAddrMap: true },
    { name: 'board.remote_memory', type: 'OutgoingRequestBridge', start: remoteStart, size: remote, inAddrMap: false },
  ];
}

/** gem5-only DM board (§1.4 row 2): both memories interleaved, in the address map → store0 local, store1 remote. */
export function gem5DmBoardLayout(local = 2n * GiB, remote = 2n * GiB): FixtureMemory[] {
  return [
    { name: 'board.memory', type: 'DDR4_2400_8x8', start: 0x80000000n, size: local, inAddrMap: true, channels: 2 },
    { name: 'board.remote_memory', type: 'DDR4_2400_8x8', start: 0x80000000n + local, size: remote, inAddrMap: true, channels: 2 },
  ];
}

/** Composable board (§1.4 row 3): local single channel + ExternalMemory in the map at ≥ 10 GiB. */
export function composableBoardLayout(local = 2n * GiB, remote = 2n * GiB): FixtureMemory[] {
  return [
    { name: 'board.memory.mem_ctrl.dram', type: 'DDR4_2400_8x8', start: 0x80000000n, size: local, inAddrMap: true },
    { name: 'board.remote_memory', type: 'ExternalMemory', start: 10n * GiB, size: remote, inAddrMap: true },
  ];
}

function channelNames(m: FixtureMemory): string[] {
  if (!m.channels || m.channels < 2) return [m.name];
  return Array.from({ length: m.channels }, (_, i) => `${m.name}.mem_ctrl${i}.dram`);
}

function storeMemories(memories: FixtureMemory[]): StoreMemory[] {
  return memories.flatMap((m) =>
    channelNames(m).map((name) => ({
      name,
      inAddrMap: m.inAddrMap,
      ranges: [{ start: m.start, end: m.start + m.size, interleaved: (m.channels ?? 1) > 1 }],
    })),
  );
}

function coreSection(group: string, i: number, count: number): string {
  const width = count > 1 ? Math.max(1, Math.ceil(Math.log10(count))) : 0;
  return `board.processor.${group}${width ? String(i).padStart(width, '0') : ''}.core`;
}

export async function writeCheckpoint(outdir: string, fx: FixtureCheckpoint): Promise<WrittenCheckpoint> {
  const checkpointDir = join(outdir, 'checkpoint');
  await mkdir(checkpointDir, { recursive: true });
  const ordered = computeStoreOrder(storeMemories(fx.memories));
  const stores = ordered.map((s) => ({
    index: s.index,
    memories: s.memories,
    start: s.start ?? 0n,
    size: (s.end ?? 0n) - (s.start ?? 0n),
    file: `board.physmem.store${s.index}.pmem`,
  }));
  for (const s of stores) {
    const writes: StoreWrite[] = (fx.writes ?? [])
      .filter((w) => w.addr >= s.start && w.addr < s.start + s.size)
      .map((w) => ({ offset: w.addr - s.start, bytes: w.bytes }));
    await writeGzipStore(join(checkpointDir, s.file), s.size, writes, { level: fx.level });
  }
  if (fx.disk) await writeCowDisk(join(checkpointDir, 'board.pci_devices.vio.image.cow'));
  await writeCpt(join(checkpointDir, 'm5.cpt'), fx, stores);
  let configIni: string | null = null;
  if (fx.configIni !== false) {
    configIni = join(outdir, 'config.ini');
    await writeFile(configIni, configIniText(fx));
  }
  return { outdir, checkpointDir, configIni, stores };
}

async function writeCpt(path: string, fx: FixtureCheckpoint, stores: WrittenCheckpoint['stores']): Promise<void> {
  const out = streamWriter(path);
  const put = out.write;
  const cpu = fx.cpu ?? { count: 1, type: 'ArmAtomicSimpleCPU' };
  const group = cpu.group ?? 'cores';
  await put('## checkpoint generated: Wed Mar  6 10:21:07 2024\n');
  for (let i = 0; i < cpu.count; i++) {
    const core = coreSection(group, i, cpu.count);
    if (!cpu.switchedOut) {
      await put(`\n[${core}.xc.0]\ninterrupts=false false false false false false false\nintStatus=0\n_status=0\n` +
        `regs.integer=0 0 0 0 128 0 0 0 16 0 0 0 0 0 0 0\n_pc=${18446603338438017516n + BigInt(i * 4)}\n_upc=0\n` +
        `_npc=${18446603338438017520n + BigInt(i * 4)}\n_nupc=1\nflags=4\n_size=4\n`);
      await put(`\n[${core}.isa]\n\n[${core}.isa.miscRegs]\ncpsr=965\nid_aa64pfr0_el1=4369\n`);
    }
    await put(`\n[${core}]\ninstCnt=${3791842217 + i}\n${cpu.switchedOut ? '' : '_pid=0\n'}`);
  }
  if (fx.disk) await put('\n[board.pci_devices.vio.image]\ncowFilename=board.pci_devices.vio.image.cow\n');
  for (const c of fx.caches ?? [{ section: 'board.cache_hierarchy.l3cache' }]) {
    await put(`\n[${c.section}]\nbad_checkpoint=${c.bad ? 'true' : 'false'}\n`);
  }
  await put('\n[board.remote_memory]\n');
  if (fx.bridgeDataLines !== undefined) {
    await put(`\n[board.remote_memory.remoteMemoryStore_0]\nnumMemoryBlocks=${fx.bridgeDataLines}\n`);
    const line = 'data=0\n';
    const batch = line.repeat(4096);
    let left = fx.bridgeDataLines;
    while (left >= 4096) {
      await put(batch);
      left -= 4096;
    }
    await put(line.repeat(left));
  }
  const threads = cpu.switchedOut ? 0 : cpu.count;
  await put('\n[board]\n' + Array.from({ length: threads }, (_, i) => `quiesceEndTick_${i}=0\n`).join(''));
  await put(`\n[board.physmem]\nlal_addr=\nlal_cid=\nnbr_of_stores=${stores.length}\n`);
  for (const s of stores) {
    await put(`\n[board.physmem.store${s.index}]\nstore_id=${s.index}\nfilename=${s.file}\nrange_size=${s.size}\n`);
  }
  await put('\n[root]\nFullSystem=true\n');
  await put(`\n[root.globals]\ncurTick=${fx.curTick ?? 54273915864000n}\nversion_tags=${(fx.versionTags ?? VERSION_TAGS).join(' ')}\n`);
  for (const l of fx.extraCptLines ?? []) await put(l + '\n');
  await out.close();
}

/** The take run's config.ini as gem5 writes it (only the sections and keys the tools read, plus a few neighbours). */
export function configIniText(fx: FixtureCheckpoint): string {
  const cpu = fx.cpu ?? { count: 1, type: 'ArmAtomicSimpleCPU' };
  const channels = fx.memories.flatMap((m) =>
    channelNames(m).map((name, i) => ({ m, name, i, n: channelNames(m).length })));
  const lines: string[] = [
    '[root]', 'type=Root', 'children=board', 'eventq_index=0', 'full_system=true', 'sim_quantum=0', '',
    '[board]', 'type=ArmBoard', 'children=cache_hierarchy clk_domain memory processor realview remote_memory',
    `memories=${channels.map((c) => c.name).join(' ')}`, 'mem_mode=atomic',
    `mem_ranges=${fx.memories.map((m) => `${m.start}:${m.start + m.size}`).join(' ')}`, '',
    '[board.realview]', 'type=VExpress_GEM5_V1', '',
  ];
  for (const c of channels) {
    const range = c.n > 1 ? `${c.m.start}:${c.m.start + c.m.size}:${c.i}:64` : `${c.m.start}:${c.m.start + c.m.size}`;
    lines.push(`[${c.name}]`, `type=${c.m.type}`, `in_addr_map=${c.m.inAddrMap}`, 'null=false', `range=${range}`,
      'conf_table_reported=true', 'kvm_map=true', '');
  }
  const group = cpu.group ?? 'cores';
  for (let i = 0; i < cpu.count; i++) {
    lines.push(`[${coreSection(group, i, cpu.count)}]`, `type=${cpu.type}`, 'numThreads=1', `cpu_id=${i}`,
      `switched_out=${cpu.switchedOut ? 'true' : 'false'}`, '');
  }
  return lines.join('\n');
}

/** A CowDiskImage file: "COWDISK!", version 1.0, one written sector. */
export async function writeCowDisk(path: string): Promise<void> {
  const head = Buffer.alloc(24 + 8 + 512);
  head.write('COWDISK!', 0, 'latin1');
  head.writeUInt32LE(1, 8);
  head.writeUInt32LE(0, 12);
  head.writeBigUInt64LE(1n, 16);
  head.writeBigUInt64LE(2048n, 24);
  head.fill(0xab, 32);
  await writeFile(path, head);
}
