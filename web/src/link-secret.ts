// Links that hold a secret for one person: an invitation to steward a
// group (#invite=…) and a password reset (#reset=…). The secret rides in
// the URL's fragment, which browsers never send to a server; as the page
// opens it leaves the address bar and is held in this tab's session
// storage until it is used or put aside. Either opens the Commons panel.
import { ApiError } from './api';
import { clear, h } from './dom';

export type LinkKind = 'invite' | 'reset';
const KINDS: readonly LinkKind[] = ['invite', 'reset'];
const KEY: Record<LinkKind, string> = { invite: 'learnscape-invitation', reset: 'learnscape-password-reset' };
const SECRET = /^[0-9a-f]{64}$/;

/** The link that carries `secret`, opening the map at the Commons panel. */
export function secretLink(origin: string, pathname: string, kind: LinkKind, secret: string): string {
  return `${origin}${pathname}?mode=commons#${kind}=${secret}`;
}

/** The secret of `kind` an address's fragment carries, and the fragment
 *  without it (other parts, such as the map's view, kept as they were). */
export function splitSecret(hash: string, kind: LinkKind): { secret: string | null; rest: string } {
  const key = `${kind}=`;
  const parts = hash.replace(/^#/, '').split('&').filter((p) => p !== '');
  const found = parts.find((p) => p.startsWith(key))?.slice(key.length).toLowerCase() ?? null;
  const rest = parts.filter((p) => !p.startsWith(key)).join('&');
  return { secret: found && SECRET.test(found) ? found : null, rest: rest ? `#${rest}` : '' };
}

/** Takes every link secret out of the address bar into this tab's
 *  storage; whether the address carried one (the page then opens the
 *  Commons panel, where it is answered). */
export function takeSecrets(): boolean {
  let carried = false;
  for (const kind of KINDS) {
    if (!window.location.hash.includes(`${kind}=`)) continue;
    carried = true;
    const { secret, rest } = splitSecret(window.location.hash, kind);
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${rest}`);
    if (secret) sessionStorage.setItem(KEY[kind], secret);
  }
  return carried;
}

export function heldSecret(kind: LinkKind): string | null {
  return sessionStorage.getItem(KEY[kind]);
}

export function putAside(kind: LinkKind): void {
  sessionStorage.removeItem(KEY[kind]);
}

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** When a link stops working: "11 Dec", the year only when it is another. */
export function untilWords(expiresAt: string, today: Date = new Date()): string {
  const until = new Date(expiresAt);
  return `${day.format(until)}${until.getFullYear() !== today.getFullYear() ? ` ${until.getFullYear()}` : ''}`;
}

/** A link shown once, to be handed on: read-only, with a Copy button
 *  that says in `status` how it went. */
export function linkToCopy(label: string, link: string, status: HTMLElement): (Node | string)[] {
  const input = h('input', { readonly: true, class: 'invite-link', 'aria-label': label });
  input.value = link;
  const copy = h('button', { type: 'button' }, 'Copy');
  copy.addEventListener('click', async () => {
    input.select();
    const copied = await navigator.clipboard?.writeText(input.value).then(() => true, () => false);
    status.className = 'form-result ok';
    status.textContent = copied ? 'Copied.' : 'Selected: copy it with Ctrl+C.';
  });
  return [input, ' ', copy];
}

/** The box of a held link: "Not now", which puts it aside, and what to do
 *  when the server refuses it. A link that is used up, replaced,
 *  withdrawn, expired or unknown stays so, and is let go; anything else
 *  (no connection, too many tries) may pass, and the link is kept. */
export function heldLinkBox(kind: LinkKind, box: HTMLElement, text: HTMLElement, actions: HTMLElement,
  dropped: () => void): { notNow: HTMLButtonElement; failed: (e: Error) => void } {
  const notNow = h('button', { type: 'button', class: 'link' }, 'Not now');
  notNow.addEventListener('click', () => {
    putAside(kind);
    dropped();
  });
  const failed = (e: Error) => {
    const gone = e instanceof ApiError && (e.status === 404 || e.status === 409);
    if (gone) putAside(kind);
    box.classList.add('closed');
    clear(text, e.message);
    const ok = h('button', { type: 'button' }, 'OK');
    ok.addEventListener('click', () => dropped());
    clear(actions, ok, gone ? null : ' ', gone ? null : notNow);
  };
  return { notNow, failed };
}
