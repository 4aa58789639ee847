// Worker-thread entry of the sweep pool (piscina): runs one cell.
import { runCell, type CellTask } from "./run-cell.js";

export default function work(task: CellTask): string {
  return runCell(task);
}
