/**
 * The diagnostic code registry: every code of the rule catalogue (shared/rules.md), its default severity and a
 * one-line title. Codes never change meaning; a new rule gets a new code. Imported by the server, the CLI, the
 * client and the webview, so a code is spelled in exactly one place.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
}

const table = [
  // GS1xx parsing and wiring
  ['GS101', 'error', 'Python syntax error in a gem5 or SST script'],
  ['GS102', 'error', 'gem5 script named in an SST cmd does not exist'],
  ['GS103', 'error', 'option not defined by the gem5 script argparse'],
  ['GS104', 'error', 'option value not in the argparse choices'],
  ['GS105', 'error', 'required option missing'],
  ['GS106', 'error', 'option value does not convert to the argparse type'],
  ['GS107', 'error', 'cmd value contains a character the gem5Component tokenizer splits on'],
  ['GS108', 'warning', 'unknown gem5 option before the script, or two nodes share one --outdir'],
  ['GS110', 'error', 'gem5Component lacks frequency, cmd or ports'],
  ['GS111', 'error', 'ports entry and gem5Bridge subcomponent slot do not match'],
  ['GS112', 'error', "response_receiver_name is not the board's remote-memory bridge path"],
  // GS2xx address ranges and sizes
  ['GS201', 'error', '--remote-memory-addr-range is not two decimal integers start,end with end > start'],
  ['GS202', 'error', "SST memory region does not cover every node's remote range"],
  ['GS203', 'error', 'addr_range_end/addr_range_start is a unit string'],
  ['GS204', 'warning', 'decimal size prefix in an SST size while gem5 sizes are binary'],
  ['GS205', 'error', 'gem5 size string that gem5 rejects'],
  ['GS206', 'error', 'SST backend mem_size has no B unit'],
  ['GS207', 'error', "remote memory size differs from the checkpoint's remote store"],
  ['GS208', 'error', "local memory size differs from the checkpoint's local store"],
  ['GS209', 'error', "local and remote ranges overlap, or local memory exceeds the platform's region"],
  ['GS210', 'error', 'nbr_of_stores differs from the stores the restore configuration creates'],
  ['GS211', 'error', 'store order differs between take and restore'],
  ['GS212', 'warning', 'remote size not a positive multiple of 1 GiB'],
  ['GS213', 'error', 'per-node remote windows overlap'],
  // GS3xx CPU model, time, KVM
  ['GS301', 'error', 'take run uses a CPU other than atomic or kvm'],
  ['GS302', 'error', 'restore under SST uses a CPU that is not timing-mode'],
  ['GS303', 'error', 'KVM cores without root.sim_quantum'],
  ['GS305', 'warning', 'ARM release differs between take and restore'],
  ['GS306', 'error', 'processor structure differs between take and restore'],
  ['GS307', 'warning', 'platform differs between take and restore'],
  ['GS308', 'warning', 'build lacks the SST/gem5 tick offset or SST --timebase is not 1ps'],
  // GS4xx checkpoint path and files
  ['GS401', 'error', 'checkpoint directory does not exist or has no m5.cpt'],
  ['GS402', 'error', 'checkpoint directory missing, but a directory with another instance suffix exists'],
  ['GS403', 'error', 'restore mode with an empty checkpoint path (silent cold boot)'],
  ['GS404', 'error', 'file named in m5.cpt is missing'],
  ['GS405', 'error', '.pmem is not a valid gzip stream of range_size bytes'],
  ['GS406', 'error', 'cache section has bad_checkpoint=true'],
  ['GS407', 'warning', "version_tags differ from the workspace's gem5 tree"],
  ['GS408', 'warning', 'string-boolean flag is not exactly True or False'],
  ['GS409', 'error', 'm5.cpt line inside a section without ='],
  // GS5xx MPI, ranks, resources
  ['GS501', 'error', 'two gem5Components land on one rank'],
  ['GS502', 'error', 'per-rank init payload reaches 2^31 bytes over MPI'],
  ['GS503', 'warning', 'a link crossing ranks has zero latency'],
  ['GS506', 'warning', 'kernel, bootloader or disk image path does not exist'],
  ['GS507', 'information', 'checkpoint taken with KVM and restored under SST'],
] as const satisfies readonly (readonly [string, Severity, string])[];

export type Code = (typeof table)[number][0];

export const CODES: ReadonlyMap<Code, CodeInfo> = new Map(
  table.map(([code, severity, title]) => [code, { code, severity, title }]),
);

export function isCode(value: string): value is Code {
  return CODES.has(value as Code);
}

/** Where a code's documentation page lives in the repository (docs/rules/GSxxx.md). */
export const DOCS_BASE_URL = 'https://github.com/gem5-sst-tools/gem5-sst-checkpoints/blob/main/docs/rules/';
export function docsUrl(code: Code): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
