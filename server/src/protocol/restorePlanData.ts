/**
 * The Restore plan's data as JSON, shared by the language server and the webview: the SST graph in the shape
 * `sst --output-json` writes (null where the model does not know) and the address map on one axis (64-bit values as
 * decimal strings). Shapes only: config/graph.ts and restorePlan/addressMap.ts compute them.
 */
import type { Span } from './span';

/** Where an object was made: file and 1-based line. */
export interface SourceSite {
  file: string;
  line: number;
}

export interface GraphSubComponent {
  slot_name: string;
  slot_number: number;
  type: string | null;
  params: Record<string, string | null>;
  subcomponents: GraphSubComponent[];
  source: SourceSite | null;
}

export interface GraphComponent {
  name: string | null;
  type: string | null;
  params: Record<string, string | null>;
  partition?: { rank: number | null; thread: number | null };
  subcomponents: GraphSubComponent[];
  source: SourceSite | null;
  /** Ours: why the model may not know everything about it; created under a condition it cannot decide. */
  incomplete?: string;
  maybe?: boolean;
}

export interface GraphLinkEnd {
  component: string | null;
  port: string | null;
  latency: string | null;
}

export interface GraphLink {
  name: string | null;
  noCut: boolean;
  left?: GraphLinkEnd;
  right?: GraphLinkEnd;
  source: SourceSite | null;
  incomplete?: string;
}

export interface SstGraph {
  program_options: Record<string, string | null>;
  components: GraphComponent[];
  links: GraphLink[];
}

/** The codes whose mismatch the address map draws. */
export const MAP_CODES = ['GS202', 'GS207', 'GS208', 'GS209', 'GS211', 'GS213'] as const;

export interface MapRange {
  /** Decimal strings; `end` exclusive. */
  start: string;
  end: string;
}

export interface MapStore extends MapRange {
  id: number;
  role: 'local' | 'remote' | null;
  size: string;
}

export interface MapNode {
  node: number | null;
  /** 1-based line of the node's cmd in the SST script. */
  line: number;
  local: MapRange | null;
  remote: MapRange | null;
  checkpoint: string | null;
  /** Stores of that checkpoint whose address is known from the take run's config.ini; sizes always. */
  stores: { id: number; role: 'local' | 'remote' | null; size: string; start: string | null; end: string | null }[];
}

export interface MapRegion extends MapRange {
  component: string;
  line: number;
  memSize: string | null;
}

export interface MapMismatch {
  code: string;
  message: string;
  file: string;
  span: Span;
  /** What it is drawn on: a node's lane or the SST memory. */
  on: { kind: 'node'; node: number | null } | { kind: 'memory' };
}

export interface AddressMap {
  nodes: MapNode[];
  regions: MapRegion[];
  mismatches: MapMismatch[];
}

