export { addMoments, meanOf, momentsOf, varianceOf, type Moments } from './moments';
export { normalQuantile, tQuantile } from './distributions';
export { tInterval, wilsonInterval } from './intervals';
export { differenceInDifferences, welch, withheldReason, type TestResult } from './differences';
export { weightedMean, type Cell, type WeightedMean } from './weighting';
export { linearTrend, type TrendFit } from './trend';
