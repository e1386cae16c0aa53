// The planner's panel: category and walking time, the ranked list of
// neighbourhoods with the most residents left out, one neighbourhood's
// figures for every category, and the table as CSV or GeoJSON.
import { type AreaFigures, api, type Gaps } from './api';
import { CATEGORIES, categoryLabel, categoryNoun, type Subject } from './categories';
import { beyondStreets, overallNote, rowNote } from './beyond-streets';
import { byId, clear, h } from './dom';
import * as fmt from './format';
import type { Bounds } from './bounds';
import { HINDRANCE_BARRED, HINDRANCE_STEPS, MINUTE_CLASSES, NO_RESIDENTS, SHARE_CLASSES } from './style';
import { inhabited, listed, namesInLine } from './ranking';
import { type Measure, SUPPLY_CLASSES, supplyRatio } from './supply';
import { CITY_WALK, sameHow, type WalkHow } from './pace';

export interface PlannerEvents {
  onSelectArea(id: string | null): void;
  /** A neighbourhood was picked from the list: show it whole. */
  onZoomToArea(bounds: Bounds): void;
  onError(message: string): void;
}

export class PlannerPanel {
  private gaps: Gaps | null = null;
  /** How the walks of `gaps` were asked for. */
  private how: WalkHow = CITY_WALK;
  private request = 0;

  constructor(
    private readonly events: PlannerEvents,
    private measure: Measure,
  ) {
    this.renderLegend();
    this.renderHead();
  }

  /** Shows residents left out or supply per resident, from the figures at hand. */
  setMeasure(measure: Measure, selected: string | null): void {
    this.measure = measure;
    this.renderLegend();
    this.renderHead();
    if (this.gaps) this.renderList(this.gaps, selected);
  }

  /** The whole area's supply per resident (E2SFCA per 10,000) for this
   *  category and walk, once its figures are loaded; what the map's supply
   *  colours are measured against. */
  supplyBase(category: Subject, minutes: number, how: WalkHow): number | null {
    const g = this.figures(category, minutes, how);
    return g ? g.overall.e2sfca_per_10k ?? 0 : null;
  }

  /** The figures loaded for this category and walk, if they are. */
  figures(category: Subject, minutes: number, how: WalkHow): Gaps | null {
    const g = this.gaps;
    return g && g.category === category && g.minutes === minutes && sameHow(this.how, how) ? g : null;
  }

  /** Loads and shows the ranked list for this category and walk, walked
   *  as `how`. */
  async load(category: Subject, minutes: number, how: WalkHow, selected: string | null): Promise<void> {
    const list = byId('gap-list');
    const ticket = ++this.request;
    list.setAttribute('aria-busy', 'true');
    clear(byId('overall'), 'Loading the figures…');
    byId<HTMLAnchorElement>('gap-csv').href = api.gapsCsvUrl(category, minutes, how);
    const geojson = byId<HTMLAnchorElement>('gap-geojson');
    geojson.href = api.gapsGeoJsonUrl(category, minutes, how);
    const walked = `${how.pace === null ? '' : `-${how.pace}kmh`}${how.stepFree ? '-step-free' : ''}`;
    geojson.download = `learnscape-neighbourhoods-${category}-${minutes}min${walked}.geojson`;
    try {
      const gaps = await api.gaps(category, minutes, how);
      if (ticket !== this.request) return; // a newer choice is on its way
      this.gaps = gaps;
      this.how = how;
      this.renderOverall(gaps);
      this.renderLegend();
      this.renderList(gaps, selected);
    } catch (e) {
      if (ticket !== this.request) return;
      clear(byId('overall'), 'The figures could not be loaded.');
      clear(list);
      this.events.onError((e as Error).message);
    } finally {
      if (ticket === this.request) list.removeAttribute('aria-busy');
    }
    await this.showArea(selected);
  }

  private renderOverall(g: Gaps): void {
    const o = g.overall;
    // Without residents no new place could bring anyone within the walk.
    byId('candidate').hidden = o.population <= 0;
    const what = g.category === 'all' ? 'learning spaces' : categoryLabel(g.category).toLowerCase();
    if (o.population <= 0) {
      // "0 of 0 residents left out" would read as full provision.
      clear(
        byId('overall'),
        h('strong', {}, 'No residents in this dataset'),
        `, so nobody can be counted as left out. Import population (a grid, census areas, or neighbourhoods with a population field) to measure gaps. Zoomed in, the map shows the walk to the nearest ${g.category === 'all' ? 'learning space' : categoryNoun(g.category).toLowerCase()}`,
        h('span', { class: 'muted' }, ` (${fmt.people(g.facilities)} in the data).`),
      );
      byId('live').textContent = 'No residents in this dataset.';
      return;
    }
    if (g.facilities === 0) {
      // Every resident is "left out" here for want of data, not of places.
      clear(
        byId('overall'),
        h('strong', {}, `No ${what} in this dataset`),
        `, so all ${fmt.people(o.population)} residents count as left out. Import a list of them (CSV or GeoJSON) to measure access.`,
      );
      byId('live').textContent = `${categoryLabel(g.category)}: none in this dataset.`;
      return;
    }
    const beyond = overallNote(o.off_network, o.uncovered);
    clear(
      byId('overall'),
      h('strong', {}, fmt.people(o.uncovered)),
      ` of ${fmt.people(o.population)} residents (${fmt.percent(o.uncovered_share)}) live more than ${fmt.walk(g.minutes, g.walking_speed_kmh, g.step_free)} from ${g.category === 'all' ? 'any learning space' : what}`,
      h('span', { class: 'muted' }, ` (${fmt.people(g.facilities)} in the data).`),
      beyond ? h('span', { class: `beyond-streets ${beyondStreets(o.off_network, o.uncovered)}` }, ` ${beyond}`) : '',
    );
    byId('live').textContent = `${categoryLabel(g.category)}, ${g.minutes} minutes${g.step_free ? ' avoiding steps' : ''}: ${fmt.percent(o.uncovered_share)} of residents left out.`;
  }

  private renderList(g: Gaps, selected: string | null): void {
    const supply = this.measure === 'supply';
    const { ranked, beyond, empty } = listed(g.gaps, supply);
    const max = Math.max(supply ? 0 : 1, ...ranked.map((a) => (supply ? (a.e2sfca_per_10k ?? 0) : a.uncovered)));
    const base = g.overall.e2sfca_per_10k;
    const row = (a: AreaFigures, rank: number | null) => {
      const said = rowNote(a.off_network, a.uncovered);
      const note = said ? h('span', { class: 'beyond-streets' }, ` · ${said}`) : '';
      const ratio = supplyRatio(a.e2sfca_per_10k, base);
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'gap-row',
            'data-area': a.id,
            'data-uncovered': String(a.uncovered),
            'data-supply': String(a.e2sfca_per_10k ?? ''),
            'aria-pressed': String(a.id === selected),
          },
          rank === null ? h('span', { class: 'rank unranked' }) : h('span', { class: 'rank' }, `${rank}`),
          h('span', { class: 'name' }, a.name, a.near ? h('span', { class: 'near' }, `near ${a.near}`) : ''),
          supply
            ? h('span', { class: 'figure' }, `${fmt.rate(a.e2sfca_per_10k)} per 10,000 residents`, note)
            : h('span', { class: 'figure' }, `${fmt.people(a.uncovered)} left out`, note),
          h('span', { class: 'share' }, supply ? (ratio == null ? '–' : `${fmt.rate(ratio)}×`) : fmt.percent(a.uncovered_share)),
          // Unranked, a row is not measured against the ranked ones.
          rank === null ? null : barOf(max > 0 ? (supply ? (a.e2sfca_per_10k ?? 0) : a.uncovered) / max : 0),
        ),
      );
    };
    byId('legend-beyond').hidden = beyond.length === 0;
    const list = byId('gap-list');
    if (g.gaps.length > 0 && g.overall.population <= 0) {
      clear(list, h('li', { class: 'empty' }, `Without residents the ${g.gaps.length} neighbourhoods cannot be ranked.`));
      return;
    }
    clear(list, ...ranked.map((a, k) => row(a, supply ? k + 1 : (a.rank ?? k + 1))));
    if (beyond.length > 0) {
      list.append(
        h('li', { class: 'list-part' },
          h('h4', {}, 'Not ranked: beyond the street data'),
          h('p', { class: 'muted' }, 'Most of their residents live more than 250 m from any street in the data, so their walks cannot be measured: a gap in the data, not necessarily in provision.')),
        ...beyond.map((a) => row(a, null)),
      );
    }
    if (empty.length > 0) {
      list.append(h('li', { class: 'list-part' },
        h('h4', {}, `No residents in the data (${empty.length})`),
        h('p', { class: 'muted empty-names' }, namesInLine(empty))));
    }
    if (g.gaps.length === 0) list.append(h('li', { class: 'empty' }, 'No neighbourhoods in this dataset.'));
    list.querySelectorAll<HTMLButtonElement>('button.gap-row').forEach((b) => {
      b.addEventListener('click', () => {
        const id = b.dataset.area ?? null;
        const picked = b.getAttribute('aria-pressed') !== 'true';
        this.events.onSelectArea(picked ? id : null);
        const bounds = picked ? this.boundsOf(id) : null;
        if (bounds) this.events.onZoomToArea(bounds);
      });
    });
  }

  /** The extent of a neighbourhood in the shown list, if it has one. */
  boundsOf(id: string | null): Bounds | null {
    const bbox = this.gaps?.gaps.find((a) => a.id === id)?.bbox;
    return bbox?.length === 4 ? [bbox[0], bbox[1], bbox[2], bbox[3]] : null;
  }

  /** The extent of the neighbourhoods with residents in the loaded
   *  figures, where there is something to rank: the whole study area in
   *  most cities; in Helsinki's dataset, whose residents are counted in
   *  the centre only, the centre, not 60 grey districts around it. */
  inhabitedBounds(): Bounds | null {
    return inhabited(this.gaps?.gaps ?? []);
  }

  /** Marks the selected row and shows that neighbourhood's figures for every category. */
  async showArea(id: string | null): Promise<void> {
    byId('gap-list')
      .querySelectorAll<HTMLButtonElement>('button.gap-row')
      .forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.area === id)));
    const box = byId('area-detail');
    if (!id || !this.gaps) {
      box.hidden = true;
      clear(box);
      return;
    }
    const { minutes, walking_speed_kmh: kmh, step_free: stepFree } = this.gaps;
    const how = this.how;
    const row = this.gaps.gaps.find((a) => a.id === id);
    box.hidden = false;
    clear(box, h('h3', { id: 'area-title' }, row?.name ?? id), h('p', { class: 'muted' }, 'Loading…'));
    box.setAttribute('aria-busy', 'true');
    try {
      const subjects: Subject[] = ['all', ...CATEGORIES.map((c) => c.id)];
      const all = await Promise.all(subjects.map((c) => api.gaps(c, minutes, how)));
      const rows = all.map((g) => g.gaps.find((a) => a.id === id)).filter((a): a is AreaFigures => !!a);
      if (rows.length === 0) {
        clear(box, h('p', {}, 'This neighbourhood is not in the current dataset.'));
        return;
      }
      clear(box, ...areaDetail(rows, fmt.walk(minutes, kmh, stepFree), () => this.events.onSelectArea(null)));
    } catch (e) {
      clear(box, h('p', {}, 'The figures for this neighbourhood could not be loaded.'));
      this.events.onError((e as Error).message);
    } finally {
      box.removeAttribute('aria-busy');
    }
  }

  private renderLegend(): void {
    const swatch = (colour: string) => h('span', { class: 'swatch', style: `background:${colour}` });
    const supply = this.measure === 'supply';
    const base = this.gaps?.overall.e2sfca_per_10k;
    const classes = supply ? SUPPLY_CLASSES : SHARE_CLASSES;
    clear(
      byId('legend'),
      h('p', { class: 'legend-title' }, supply
        ? `Places per 10,000 residents within the walk (E2SFCA), by neighbourhood, against the whole area's${base == null ? '' : ` ${fmt.rate(base)}`}`
        : 'Residents left out, by neighbourhood'),
      h('ul', { class: 'legend-row' }, ...classes.map((c) => h('li', {}, swatch(c.colour), c.label)),
        h('li', {}, swatch(NO_RESIDENTS), 'no residents'),
        h('li', { id: 'legend-beyond', hidden: true }, h('span', { class: 'swatch beyond-streets-swatch' }), 'mostly beyond the street data')),
      h('p', { class: 'legend-note' }, 'Zoomed in to the streets, this colour runs along each neighbourhood’s edge.'),
      h('p', { class: 'legend-title', id: 'legend-surface' }, `Walk to the nearest${this.how.stepFree ? ', avoiding steps' : ''} (zoom in)`),
      h('ul', { class: 'legend-row' }, ...MINUTE_CLASSES.map((c) => h('li', {}, swatch(c.colour), c.label))),
      ...(this.how.stepFree
        ? [
            h('p', { class: 'legend-title', id: 'legend-hindrances' }, 'What the walks avoiding steps go around (zoom in)'),
            h('ul', { class: 'legend-row' },
              h('li', {}, swatch(HINDRANCE_STEPS), 'steps'),
              h('li', {}, swatch(HINDRANCE_BARRED), 'turnstiles, stiles, raised kerbs, rough paths and paths marked not for wheelchairs')),
          ]
        : []),
    );
  }

  private renderHead(): void {
    const supply = this.measure === 'supply';
    byId('gap-list-title').textContent = supply ? 'Least supply per resident' : 'Most underserved neighbourhoods';
    byId('gap-list').classList.toggle('supply', supply);
    byId('gap-list').setAttribute('aria-label', supply
      ? 'Neighbourhoods, least places per resident within the walk first'
      : 'Neighbourhoods, most residents left out first');
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="measure"]')) input.checked = input.value === this.measure;
  }
}

function barOf(fraction: number): HTMLElement {
  const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
  bar.append(h('span', { style: `width:${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%` }));
  return bar;
}

function areaDetail(rows: AreaFigures[], walk: string, close: () => void): Node[] {
  const first = rows[0];
  // Places per 10,000 is E2SFCA; its Gini says how evenly it is spread.
  const titles: Record<string, string> = {
    'Places per 10,000': 'E2SFCA: places within the walk per 10,000 residents, each shared among all who can walk to it',
    Gini: 'How unevenly places per resident are spread over the neighbourhood: 0 even, 1 all in one spot',
  };
  const head = h('tr', {}, ...['Category', 'Left out', 'Places per 10,000', 'Gini', 'Median walk', '90 % within']
    .map((t) => h('th', { scope: 'col', title: titles[t] }, t)));
  const body = rows.map((r) =>
    h(
      'tr',
      { 'data-category': r.category },
      h('th', { scope: 'row' }, categoryLabel(r.category)),
      h('td', {}, `${fmt.people(r.uncovered)} (${fmt.percent(r.uncovered_share)})`),
      h('td', {}, fmt.rate(r.e2sfca_per_10k)),
      h('td', {}, r.gini == null ? '–' : r.gini.toFixed(2)),
      h('td', {}, fmt.minutes(r.p50_min)),
      h('td', {}, fmt.minutes(r.p90_min)),
    ),
  );
  const closeButton = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the neighbourhood figures' }, '×');
  closeButton.addEventListener('click', close);
  return [
    h('div', { class: 'detail-head' }, h('h3', { id: 'area-title' }, first.name), closeButton),
    ...(first.near ? [h('p', { class: 'near' }, `Near ${first.near}`)] : []),
    h(
      'p',
      {},
      `${fmt.people(first.population)} residents`,
      first.stated_population != null ? ` (stated: ${fmt.people(first.stated_population)})` : '',
      Math.round(first.off_network) >= 1 ? `; ${fmt.people(first.off_network)} live beyond the street data (more than 250 m from any street)` : '',
      `. Figures for a ${walk}.`,
    ),
    // Focusable, so that a keyboard alone can scroll a table wider than the panel.
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `All figures for ${first.name}` }, h('table', { class: 'figures' }, h('caption', { class: 'sr-only' }, `All figures for ${first.name}`), h('thead', {}, head), h('tbody', {}, ...body))),
  ];
}
