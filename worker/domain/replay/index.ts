export { runReplay, defaultPolicies, type ReplayResult, type ReplayProgress } from './replay';
export { buildCells, simulateCell, sellWindow, type Cell, type CellTotals } from './simulate';
export { minMaxPolicy, naivePolicy, recentDemand } from './rules';
export { lotwisePolicy } from './lotwise';
export type { PolicyMetrics, PolicyView, ReplayInput, ReplayLine, ReplayPolicy } from './types';
