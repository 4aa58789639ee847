export { Kernel, type EventHandle, type Handler, type RunOptions } from "./kernel.js";
export { RandomStream, Streams, lognormalFromMean, type UniformSource } from "./random.js";
export { spawn, type Process } from "./process.js";
export {
  fitsInt32,
  GrowableColumns,
  grownTo,
  type ColumnArray,
  type ColumnArrays,
  type ColumnKind,
  type ColumnKinds,
} from "./columns.js";
