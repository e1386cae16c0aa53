// What bars a wheelchair in view, while a planner looks at walks that
// avoid steps: which flights of steps, turnstiles and rough tracks the
// surface of those walks goes around, where a ramp or a lowered kerb
// would bring residents within reach.

import { api } from './api';
import type { LearnMap } from './map';
import { HINDRANCE_ZOOM } from './style';

export class Hindrances {
  private on = false;
  /** Whether any are drawn: the layers are left alone until some are (a
   *  view may settle before the map's style has loaded). */
  private drawn = false;
  /** The latest ask: an answer to an earlier one, for a view since left, is dropped. */
  private asked = 0;

  constructor(private readonly map: LearnMap) {
    map.map.on('moveend', () => void this.refresh());
  }

  /** Drawn (from zoom 14, asked for anew each time the view settles) or not. */
  show(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const ticket = ++this.asked;
    const view = this.map.map;
    if (!this.on || view.getZoom() < HINDRANCE_ZOOM) {
      if (this.drawn) this.map.setHindrances(null);
      this.drawn = false;
      return;
    }
    const b = view.getBounds();
    const data = await api.barriers([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]).catch(() => null);
    if (ticket !== this.asked) return;
    this.map.setHindrances(data as unknown as GeoJSON.FeatureCollection | null);
    this.drawn = data !== null;
  }
}
