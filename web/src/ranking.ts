// The planner's list in three parts. Ranked by residents left out, a
// district the street extract misses would head it for a gap in the data
// (Helsinki's around its centre's extract), so those mostly beyond the
// street data follow the ranked ones, unranked, as the API gives them
// (`rank` null); those without residents close it, named only.
import type { AreaFigures } from './api';
import { mostlyBeyond } from './beyond-streets';
import { type Bounds, boundsOf } from './bounds';
import { bySupply } from './supply';

export interface Listed {
  /** Ranked: by residents left out, as given, or by supply per resident. */
  ranked: AreaFigures[];
  /** Most of their residents beyond the street data, in the order given. */
  beyond: AreaFigures[];
  /** No residents in the data, in the order given. */
  empty: AreaFigures[];
}

/** The neighbourhoods `rows` as the planner lists them. */
export function listed(rows: readonly AreaFigures[], supply: boolean): Listed {
  const part = (r: AreaFigures): keyof Listed =>
    !(r.population > 0) ? 'empty' : mostlyBeyond(r.off_network, r.population) ? 'beyond' : 'ranked';
  const of = (p: keyof Listed) => rows.filter((r) => part(r) === p);
  const measured = of('ranked');
  return { ranked: supply ? bySupply(measured) : measured, beyond: of('beyond'), empty: of('empty') };
}

/** The extent of the neighbourhoods of `rows` with residents; null
 *  without any. */
export function inhabited(rows: readonly AreaFigures[]): Bounds | null {
  const corners = rows.flatMap(({ population, bbox: b }): [number, number][] =>
    population > 0 && b?.length === 4 ? [[b[0], b[1]], [b[2], b[3]]] : []);
  return corners.length > 0 ? boundsOf(corners) : null;
}

/** The neighbourhoods without residents in a line: every name up to a
 *  dozen, else the first ten and how many more (Porto Alegre has a hundred
 *  empty cells, each named by its code). */
export function namesInLine(rows: readonly AreaFigures[]): string {
  if (rows.length <= 12) return rows.map((r) => r.name).join(', ');
  return `${rows.slice(0, 10).map((r) => r.name).join(', ')} and ${rows.length - 10} more`;
}
