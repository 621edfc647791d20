// Series colours, readable on the light and the dark background.
import { schemeTableau10 } from "d3";

/** d3.schemeTableau10, cycled. */
export function seriesColor(index: number): string {
  return schemeTableau10[index % schemeTableau10.length]!;
}
