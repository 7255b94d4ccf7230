/** The Restore plan's data (graph + address map), shared by the language server and benchmarks. */
export { restorePlan } from './plan';
export type { RestorePlan } from './plan';
export { addressMap, MAP_CODES } from './addressMap';
export type { AddressMap, MapNode, MapRegion, MapMismatch, MapRange, MapStore } from './addressMap';
