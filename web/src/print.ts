// Printed, or saved as PDF, for a council report or a notice board: the
// map as it is drawn, the panel's figures, whose data they are and how
// current, and the link that opens the same view again. A WebGL canvas
// prints blank (its buffer is cleared once shown), so the page prints an
// image of the map taken just before.
import { byId, h } from './dom';

export interface Printable {
  /** The map as drawn now, as an image URL. */
  snapshot(): string;
  /** The data's credit and how current it is. */
  credit(): string;
}

/** The printed line that dates the page and leads back to its view. */
export function printedLine(now: Date, href: string): string {
  const on = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(now);
  return `Printed ${on} from ${href}`;
}

/** Prepares every print of the page, from a Print button or Ctrl+P. */
export function wirePrint(page: Printable): void {
  let reopened: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    byId<HTMLImageElement>('print-map').src = page.snapshot();
    byId('print-credit').textContent = page.credit();
    byId('print-view').textContent = printedLine(new Date(), window.location.href);
    // A closed section prints as its heading alone; on paper what the
    // figures rest on belongs with them, and the way to a place with it.
    reopened = [...document.querySelectorAll<HTMLDetailsElement>('#about, details.directions')].filter((d) => !d.open);
    for (const d of reopened) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of reopened) d.open = false;
    reopened = [];
  });
}

/** A button that prints the page; `title` says what goes on paper. */
export function printButton(title: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button-link', title }, 'Print');
  button.addEventListener('click', () => window.print());
  return button;
}
