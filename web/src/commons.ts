// The commons panel: commoning groups sign in, register and edit their
// shared resources (location picked on the map) and follow their review;
// moderators work through the queue, seeing what each edit changes.
import { type Account, api, ApiError, type Group, type Me, type Resource, type ResourceInput, setCsrf } from './api';
import { CATEGORIES, categoryNoun } from './categories';
import { byId, clear, h } from './dom';
import { openLine, weekLine } from './hours';
import { type Bounds, boundsOf } from './bounds';
import { loadShared, sharedSection } from './shared-list';
import { type LonLat, parseWhere, type Where } from './where';
import { capitalise, offerFound, withdrawOffer } from './search';
import { placed } from './whereabouts';
import { accountSection } from './account';
import { historyList } from './history';
import { rolesSection } from './roles';
import { everyGroupList, type GroupEvents, groupsSection, type Said } from './groups';
import { clearFieldErrors, showFieldErrors } from './field-errors';
import { invitationBox } from './invitations';
import { heldSecret } from './link-secret';
import { ownLinkLine, resetBox, resetDoneWords, resetLinkSection } from './password-reset';
export type { Where } from './where';

export interface CommonsEvents {
  /** Asks the map to let the user pick a point; `done` gets it. */
  pickLocation(done: (lonlat: LonLat) => void): void;
  /** Asks the map for corners, one per click, until `stopDrawing`;
   *  `corner` gets the corners so far. */
  drawOutline(corner: (corners: LonLat[]) => void): void;
  /** Adds a corner typed while drawing. */
  addCorner(corner: LonLat): void;
  /** Takes back the last corner drawn. */
  undoCorner(): void;
  stopDrawing(): void;
  showLocation(where: Where | null): void;
  /** Where the user is looking: a typed address's nearest matches first. */
  near(): LonLat;
  /** Moves the map onto a shared resource. */
  showOnMap(bounds: Bounds): void;
  /** Something public may have changed: redraw the map's data. */
  onDataChanged(): void;
  onError(message: string): void;
}

type Content = NonNullable<Resource['content']> & Record<string, unknown>;

export class CommonsPanel {
  private me: Me | null = null;
  private where: Where | null = null;
  /** The latest reading of the opening hours asked for. */
  private hoursAsked = 0;
  private editing: { id: number; base: number } | null = null;
  /** Said once at the top of the next signed-out panel. */
  private notice: string | null = null;
  /** What the last change to a group said, shown once. */
  private groupSaid: Said | null = null;
  /** The resource form, kept across renders while the same person is
   *  signed in: what they typed, picked or are editing is not lost when
   *  another part of the panel changes. */
  private form: { owner: number; node: HTMLFormElement } | null = null;

  constructor(private readonly events: CommonsEvents) {}

  async start(): Promise<void> {
    try {
      this.me = await api.me();
      setCsrf(this.me.csrf_token ?? null);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) this.events.onError((e as Error).message);
      this.me = null;
    }
    this.render();
  }

  private render(): void {
    const box = byId('commons-body');
    const notice = this.notice ? h('p', { class: 'ok', role: 'status', id: 'commons-notice' }, this.notice) : null;
    this.notice = null;
    if (!this.me) {
      this.form = null;
      this.editing = null;
      this.where = null;
      clear(box,
        notice,
        this.passwordReset(),
        this.invitation(false),
        h('p', {}, 'Commoning groups register the resources they share — a tool library, a seed library, a room for study circles. Moderators check each entry before it appears on the map.'),
        sharedSection(),
        ...this.signInForms());
      void this.loadShared();
      return;
    }
    const account = this.me.account;
    // Said once, in the card of the group it is about.
    const said = this.groupSaid;
    this.groupSaid = null;
    const groupEvents: GroupEvents = {
      changed: async (next) => {
        this.me = await api.me();
        this.groupSaid = next;
        this.render();
      },
      onError: (message) => this.events.onError(message),
    };
    const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
    signOut.addEventListener('click', async () => {
      await api.signOut().catch(() => undefined);
      setCsrf(null);
      this.me = null;
      this.render();
    });
    const form = this.form?.owner === account.id ? this.form.node : this.resourceForm();
    this.form = { owner: account.id, node: form };
    this.groupOptions(form);
    const moderates = account.role !== 'member';
    const queue = moderates
      ? h('section', { id: 'queue', 'aria-labelledby': 'queue-h' }, h('h3', { id: 'queue-h' }, 'Moderation queue'), h('p', { class: 'muted' }, 'Loading…'))
      : null;
    // Moderators come for the queue: it goes first.
    clear(
      box,
      h('p', { class: 'signed-in' }, `Signed in as ${account.display_name} (${account.role})`, ' · ', signOut),
      notice,
      ...this.me.password_resets.map((r) => ownLinkLine(r, (id) => {
        // Drawn again from what is held, the line must not come back.
        if (this.me) this.me.password_resets = this.me.password_resets.filter((o) => o.id !== id);
      })),
      this.passwordReset(),
      this.invitation(true, groupEvents),
      queue,
      h('section', { id: 'my-resources', 'aria-labelledby': 'my-h' }, h('h3', { id: 'my-h' }, "Our group's resources"), h('p', { class: 'muted' }, 'Loading…')),
      moderates ? h('section', { id: 'every-group-box', 'aria-label': 'Every group' }) : null,
      groupsSection(this.me, said, groupEvents),
      form,
      sharedSection(),
      account.role === 'admin' ? rolesSection(account.id, (message) => this.events.onError(message)) : null,
      account.role === 'admin' ? resetLinkSection() : null,
      accountSection(this.me, () => {
        setCsrf(null);
        this.me = null;
        this.notice = 'Your account is erased. Thank you for what you shared.';
        this.render();
      }),
    );
    void this.loadShared();
    void this.loadMine();
    if (account.role !== 'member') {
      void this.loadQueue();
      void this.loadEveryGroup(said, groupEvents);
    }
  }

  /** The invitation this tab holds, if any: who invites to what, and,
   *  signed in, a way to accept. */
  private invitation(signedIn: boolean, groupEvents?: GroupEvents): HTMLElement | null {
    const secret = heldSecret('invite');
    if (!secret) return null;
    return invitationBox(secret, signedIn, {
      accepted: async (g) => groupEvents?.changed({ group: g.id, text: `You steward “${g.name}” now: welcome.` }),
      dropped: () => this.render(),
    });
  }

  /** The password reset link this tab holds, if any: whose password it
   *  sets, and a form that sets it and signs in. */
  private passwordReset(): HTMLElement | null {
    return resetBox(this.me?.account ?? null, {
      signedIn: async (used) => {
        setCsrf(used.csrf_token);
        this.me = await api.me();
        this.notice = resetDoneWords(used);
        this.render();
      },
      dropped: () => this.render(),
    });
  }

  private signInForms(): Node[] {
    const form = (id: string, title: string, fields: Node[], submit: string, run: (data: FormData) => Promise<void>) => {
      const f = h('form', { id, class: 'stack' }, h('h3', {}, title), ...fields, h('button', { type: 'submit' }, submit), h('p', { class: 'form-error', role: 'alert' }));
      f.addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await run(new FormData(f));
        } catch (err) {
          clear(f.querySelector('.form-error') as HTMLElement, (err as Error).message);
        }
      });
      return f;
    };
    const input = (name: string, label: string, type = 'text', extra: Record<string, string> = {}) =>
      h('label', {}, label, h('input', { name, type, required: true, ...extra }));
    return [
      form('sign-in', 'Sign in', [
        input('email', 'E-mail', 'email', { autocomplete: 'username' }),
        input('password', 'Password', 'password', { autocomplete: 'current-password' }),
        // There is no reset by e-mail: say who can help before someone looks for it.
        h('p', { class: 'muted' }, 'Forgot your password? This map sends no e-mail: ask whoever runs it for a link that sets a new one.'),
      ], 'Sign in', async (d) => {
        await this.signIn(String(d.get('email')), String(d.get('password')));
      }),
      form('sign-up', 'New here? Create an account', [
        input('display_name', 'Your name', 'text', { autocomplete: 'name' }),
        input('email', 'E-mail', 'email', { autocomplete: 'username' }),
        input('password', 'Password (at least 10 characters)', 'password', { autocomplete: 'new-password', minlength: '10' }),
      ], 'Create account', async (d) => {
        await api.signUp(String(d.get('email')), String(d.get('password')), String(d.get('display_name')));
        await this.signIn(String(d.get('email')), String(d.get('password')));
      }),
    ];
  }

  private async signIn(email: string, password: string): Promise<void> {
    const r = await api.signIn(email, password);
    setCsrf(r.csrf_token);
    this.me = await api.me();
    this.render();
    // One who signed in to answer an invitation finds it where they look.
    document.getElementById('invitation')?.scrollIntoView({ block: 'start' });
  }

  /** The resource form's group choices: the groups one stewards now, the
   *  choice kept where it still is one. */
  private groupOptions(f: HTMLFormElement): void {
    const groups = this.me?.groups ?? [];
    const select = f.querySelector<HTMLSelectElement>('select[name="group"]');
    if (!select) return;
    const was = select.value;
    clear(select, ...groups.map((g: Group) => h('option', { value: String(g.id) }, g.name)));
    if (groups.some((g) => String(g.id) === was)) select.value = was;
    const send = f.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (send) send.disabled = groups.length === 0;
  }

  /** The resource form; its group choices come from `groupOptions`. */
  private resourceForm(): HTMLFormElement {
    const field = (name: string, label: string, node: HTMLElement) => h('label', { 'data-field': name }, label, node, h('span', { class: 'field-error' }));
    const select = (name: string, options: [string, string][]) => h('select', { name }, ...options.map(([v, l]) => h('option', { value: v }, l)));
    const where = h('span', { id: 'picked', class: 'muted' }, 'not set yet');
    const pick = h('button', { type: 'button', id: 'pick-location' }, 'Pick on the map');
    // A garden or a shared yard is an area: its outline, corner by corner.
    const draw = h('button', { type: 'button', id: 'draw-outline' }, 'Draw its outline');
    const finish = h('button', { type: 'button', id: 'finish-outline', hidden: true, disabled: true }, 'Finish outline');
    // Without a pointer (or with coordinates at hand) a point, an outline's
    // corners one by one while drawing, or a whole outline is typed.
    const typed = h('input', { id: 'where-typed', 'aria-label': TYPED_HINT, placeholder: TYPED_PLACEHOLDER, size: '22' });
    // An address or a place's name typed instead: search offers where.
    const found = h('ul', { id: 'where-results', class: 'results' });
    typed.addEventListener('change', () => {
      const text = typed.value.trim();
      const w = parseWhere(typed.value);
      const error = typed.closest('[data-field]')?.querySelector('.field-error') ?? null;
      if (error) error.textContent = '';
      withdrawOffer(found);
      if (!text) return;
      if (!w && !draw.hidden) {
        void offerFound(text, {
          list: found,
          error,
          hint: 'type an address, or latitude, longitude in degrees, e.g. 47.16500, 9.51060; for an outline, each corner so, separated by ";"',
          near: this.events.near(),
          choose: (at, name) => {
            typed.value = '';
            stopDrawing();
            this.setWhere({ type: 'Point', coordinates: at }, name);
          },
          onError: (message) => this.events.onError(message),
        });
        return;
      }
      if (!w) {
        if (error) error.textContent = 'type each corner as latitude, longitude in degrees, e.g. 47.16500, 9.51060';
        return;
      }
      if (draw.hidden && w.type === 'Point') {
        this.events.addCorner(w.coordinates);
        typed.value = '';
        return;
      }
      stopDrawing();
      this.setWhere(w);
    });
    const undo = h('button', { type: 'button', id: 'undo-corner', hidden: true, disabled: true }, 'Undo corner');
    undo.addEventListener('click', () => this.events.undoCorner());
    let corners: LonLat[] = [];
    const stopDrawing = () => {
      this.events.stopDrawing();
      finish.hidden = true;
      undo.hidden = true;
      draw.hidden = false;
      typed.placeholder = TYPED_PLACEHOLDER;
    };
    pick.addEventListener('click', () => {
      stopDrawing();
      where.textContent = 'click the map…';
      this.events.pickLocation((p) => this.setWhere({ type: 'Point', coordinates: p }));
    });
    draw.addEventListener('click', () => {
      corners = [];
      draw.hidden = true;
      finish.hidden = false;
      finish.disabled = true;
      undo.hidden = false;
      undo.disabled = true;
      where.textContent = 'click each corner on the map, then Finish';
      typed.placeholder = 'or type a corner: lat, lon';
      this.events.drawOutline((c) => {
        corners = c;
        finish.disabled = c.length < 3;
        undo.disabled = c.length === 0;
        where.textContent = `${c.length} corner${c.length === 1 ? '' : 's'}${c.length < 3 ? ' (3 at least)' : ''}`;
      });
    });
    finish.addEventListener('click', () => {
      stopDrawing();
      this.setWhere({ type: 'Polygon', coordinates: [[...corners, corners[0]]] });
    });
    const hours = h('input', { name: 'opening_hours', 'aria-describedby': 'hours-preview' });
    let typing: ReturnType<typeof setTimeout> | undefined;
    hours.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => void this.previewHours(), 300);
    });
    const f = h('form', { id: 'resource-form', class: 'stack', novalidate: true },
      h('h3', { id: 'resource-form-title' }, 'Register a shared resource'),
      field('group', 'Group', select('group', [])),
      field('name', 'Name', h('input', { name: 'name', required: true, maxlength: '120' })),
      field('category', 'Kind', select('category', CATEGORIES.map((c) => [c.id, categoryNoun(c.id)]))),
      h('div', { 'data-field': 'location', class: 'pick-row' }, h('span', {}, 'Where: '), where, pick, draw, undo, finish, typed, h('span', { class: 'field-error' })),
      found,
      field('offers', 'What it offers', h('textarea', { name: 'offers', rows: '2', maxlength: '2000' })),
      field('opening_hours', 'Opening hours (OSM syntax, e.g. Sa 10:00-14:00)', hours),
      h('p', { id: 'hours-preview', class: 'muted hours-preview', 'aria-live': 'polite' }),
      field('access_terms', 'Who may use it, on what terms', h('textarea', { name: 'access_terms', rows: '2', maxlength: '2000' })),
      field('contact', 'Contact (seen only by moderators and your group)', h('input', { name: 'contact' })),
      field('website', 'Website', h('input', { name: 'website', type: 'url', placeholder: 'https://' })),
      field('licence', 'Licence of this entry', select('licence', [['CC0', 'CC0 (public domain)'], ['ODbL', 'ODbL (like OpenStreetMap)']])),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sensitive' }), 'Sensitive: show only the neighbourhood (about 1 km), not the exact place'),
      field('comment', 'What changed (for the history)', h('input', { name: 'comment' })),
      h('button', { type: 'submit' }, 'Send for review'),
      h('div', { id: 'resource-result', role: 'status' }));
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit(f);
    });
    return f;
  }

  private async submit(f: HTMLFormElement): Promise<void> {
    clearFieldErrors(f);
    const d = new FormData(f);
    const text = (k: string) => String(d.get(k) ?? '').trim();
    const input: ResourceInput = {
      group: Number(text('group')),
      name: text('name'),
      category: text('category') as ResourceInput['category'],
      location: this.where ?? { type: 'Point', coordinates: [] },
      offers: text('offers'),
      opening_hours: text('opening_hours') || null,
      access_terms: text('access_terms'),
      contact: text('contact'),
      website: text('website') || null,
      licence: text('licence') as ResourceInput['licence'],
      sensitive: d.get('sensitive') === 'on',
      comment: text('comment'),
    };
    const result = byId('resource-result');
    try {
      const r = this.editing
        ? await api.edit(this.editing.id, { ...input, base_revision: this.editing.base })
        : await api.register(input);
      const dups = r.possible_duplicates ?? [];
      clear(result, h('p', { class: 'ok' }, `Sent: “${r.content?.name}” is ${r.status === 'approved' ? 'approved; the edit awaits review' : 'awaiting review'}.`),
        dups.length ? h('p', { class: 'notice' }, 'Is this already on the map? Similar entries nearby: ', dups.map((x) => `${x.name} (${Math.round(x.meters ?? 0)} m)`).join(', ')) : null);
      this.editing = null;
      f.reset();
      this.setWhere(null);
      byId('resource-form-title').textContent = 'Register a shared resource';
      void this.loadMine();
    } catch (e) {
      showFieldErrors(f, e);
      clear(result, h('p', { class: 'form-error' }, (e as Error).message));
    }
  }

  private loadShared(): Promise<void> {
    return loadShared((b) => this.events.showOnMap(b), (m) => this.events.onError(m));
  }

  private async loadMine(): Promise<void> {
    const box = document.getElementById('my-resources');
    if (!box) return;
    try {
      const { resources } = await api.mine();
      const items = resources.map((r) => {
        const edit = h('button', { type: 'button', class: 'link' }, 'Edit');
        edit.disabled = r.status === 'archived';
        edit.addEventListener('click', () => this.startEdit(r));
        const c = r.content as Content | null;
        const name = c?.name ?? `#${r.id}`;
        const more = h('div', { class: 'row-more', hidden: true });
        const history = h('button', { type: 'button', class: 'link history-button', 'aria-expanded': 'false' }, 'History');
        history.addEventListener('click', async () => {
          const open = history.getAttribute('aria-expanded') === 'true';
          history.setAttribute('aria-expanded', String(!open));
          if (open) {
            more.hidden = true;
            return;
          }
          try {
            clear(more, historyList(await api.history(r.id)));
            more.hidden = false;
          } catch (e) {
            this.events.onError((e as Error).message);
          }
        });
        const archive = h('button', { type: 'button', class: 'link archive-button', hidden: r.status === 'archived' }, 'Archive');
        archive.addEventListener('click', () => {
          history.setAttribute('aria-expanded', 'false');
          clear(more, this.archiveConfirm(r.id, name, () => (more.hidden = true)));
          more.hidden = false;
        });
        // What a moderator took down, only a moderator restores: the
        // server says so if the group tries.
        const restore = h('button', { type: 'button', class: 'link restore-button', hidden: r.status !== 'archived' }, 'Restore');
        restore.addEventListener('click', async () => {
          restore.disabled = true;
          try {
            await api.restore(r.id, '');
            this.events.onDataChanged();
            void this.loadMine();
            void this.loadShared();
          } catch (e) {
            restore.disabled = false;
            this.events.onError((e as Error).message);
          }
        });
        return h('li', { class: 'resource-row', 'data-resource': String(r.id) },
          h('span', { class: 'name' }, name),
          h('span', { class: `badge ${r.status}` }, r.pending_revision && r.status === 'approved' ? 'approved · edit pending' : r.status),
          h('span', { class: 'row-actions' }, edit, history, archive, restore), more);
      });
      clear(box, h('h3', { id: 'my-h' }, "Our group's resources"), items.length ? h('ul', { class: 'plain' }, ...items) : h('p', { class: 'muted' }, 'Nothing registered yet.'));
    } catch (e) {
      this.events.onError((e as Error).message);
    }
  }

  /** Asks before archiving: off the map and out of the figures, history kept. */
  private archiveConfirm(id: number, name: string, keep: () => void): HTMLElement {
    const reason = h('input', { name: 'reason', 'aria-label': 'Why (optional, kept in its history)', placeholder: 'Why (optional, kept in its history)', maxlength: '2000' });
    const yes = h('button', { type: 'button', class: 'danger' }, 'Archive it');
    const no = h('button', { type: 'button', class: 'link' }, 'Keep it');
    no.addEventListener('click', keep);
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await api.archive(id, reason.value);
        this.events.onDataChanged();
        void this.loadMine();
        void this.loadShared();
      } catch (e) {
        yes.disabled = false;
        this.events.onError((e as Error).message);
      }
    });
    return h('div', { class: 'archive-confirm' },
      h('p', {}, `Archive “${name}”? It leaves the map, the searches and the figures; its history stays.`),
      reason, h('div', { class: 'actions' }, yes, no));
  }

  private startEdit(r: Resource): void {
    const f = byId<HTMLFormElement>('resource-form');
    const c = r.content as Content | null;
    if (!c) return;
    this.editing = { id: r.id, base: r.head_revision ?? 1 };
    byId('resource-form-title').textContent = `Edit “${c.name}”`;
    const set = (k: string, v: unknown) => {
      const el = f.elements.namedItem(k) as HTMLInputElement | null;
      if (!el) return;
      if (el.type === 'checkbox') el.checked = Boolean(v);
      else el.value = v == null ? '' : String(v);
    };
    for (const k of ['name', 'category', 'offers', 'opening_hours', 'access_terms', 'contact', 'website', 'licence', 'sensitive']) set(k, c[k]);
    set('group', r.group?.id);
    // An outline stays an outline unless the group picks anew.
    this.setWhere(c.location as Where);
    f.scrollIntoView({ behavior: 'smooth' });
  }

  /** Sets where the resource in the form is, says it and shows it;
   *  `label` names it when it was found by name. */
  private setWhere(where: Where | null, label?: string): void {
    this.where = where;
    const picked = byId('picked');
    picked.textContent = where ? (label ? `${label} (${describe(where)})` : describe(where)) : 'not set yet';
    // A point clicked or typed as coordinates: the house it is at, so a
    // steward sees they picked the right one ("At Städtle 35, Vaduz").
    if (where?.type === 'Point' && !label) {
      const [lon, lat] = where.coordinates;
      api.whereabouts(lon, lat).then((w) => {
        if (this.where === where && w.result) picked.textContent = `${capitalise(placed(w.result))} (${describe(where)})`;
      }, () => undefined);
    }
    this.events.showLocation(where);
    // Where it is sets the clock and the holidays the hours are read on.
    void this.previewHours();
  }

  /** Says how the opening hours typed read: the next seven days on the
   *  clock of the place, or where they stop reading. */
  private async previewHours(): Promise<void> {
    const input = document.querySelector<HTMLInputElement>('#resource-form [name="opening_hours"]');
    const preview = document.getElementById('hours-preview');
    if (!input || !preview) return;
    const asked = ++this.hoursAsked;
    const value = input.value.trim();
    if (!value) {
      clear(preview);
      return;
    }
    const w = this.where;
    const at = w ? (w.type === 'Point' ? w.coordinates : w.coordinates[0][0]) : null;
    try {
      const read = await api.openingHours(value, at as [number, number] | null);
      if (asked !== this.hoursAsked) return;
      const now = openLine(read.open);
      clear(preview, `Reads as, for the next seven days: ${weekLine(read.days)}.`, now ? ` Now: ${now}.` : '');
      preview.classList.remove('error');
    } catch (e) {
      if (asked !== this.hoursAsked) return;
      const unread = e instanceof ApiError && e.status === 400;
      clear(preview, unread ? `This ${e.message.replace(/^value: /, '')}.` : 'The hours could not be checked just now.');
      preview.classList.toggle('error', unread);
    }
  }

  /** A reviewed field's value; a location said in words, with a button
   *  that shows it on the map, so a moderator sees where it would go. */
  private cell(field: string, value: unknown): (Node | string)[] {
    if (field !== 'location' || value == null) return [show(value)];
    const where = value as Where;
    const button = h('button', { type: 'button', class: 'link show-where' }, 'show');
    button.addEventListener('click', () => {
      this.events.showLocation(where);
      this.events.showOnMap(boundsOf(where.type === 'Point' ? [where.coordinates] : where.coordinates[0]));
    });
    return [`${describe(where)} `, button];
  }

  private async loadEveryGroup(said: Said | null, events: GroupEvents): Promise<void> {
    const box = document.getElementById('every-group-box');
    if (!box || !this.me) return;
    try {
      clear(box, everyGroupList((await api.everyGroup()).groups, this.me.account.id, said, events));
    } catch (e) {
      this.events.onError((e as Error).message);
    }
  }

  private async loadQueue(): Promise<void> {
    const box = document.getElementById('queue');
    if (!box) return;
    try {
      const q = await api.queue();
      const pending = q.pending.map((r) => {
        const c = r.content as Content | null;
        const old = r.public_content as Content | null;
        const changed = r.pending_changes ?? [];
        const diff = h('table', { class: 'diff' }, h('caption', { class: 'sr-only' }, 'Changed fields'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Approved'), h('th', { scope: 'col' }, 'Proposed'))),
          h('tbody', {}, ...changed.map((k) => h('tr', {}, h('th', { scope: 'row' }, k),
            h('td', { class: 'old' }, ...this.cell(k, old?.[k])), h('td', { class: 'new' }, ...this.cell(k, c?.[k]))))));
        const reason = h('input', { 'aria-label': 'Reason (optional)', placeholder: 'Reason (optional)' });
        const act = (decision: 'approve' | 'reject') => {
          const b = h('button', { type: 'button', class: decision }, decision === 'approve' ? 'Approve' : 'Reject');
          b.addEventListener('click', async () => {
            try {
              await api.decide(r.id, r.pending_revision ?? 0, decision, reason.value);
              this.events.onDataChanged();
              void this.loadQueue();
              void this.loadShared();
            } catch (e) {
              this.events.onError((e as Error).message);
            }
          });
          return b;
        };
        return h('li', { class: 'queue-item', 'data-resource': String(r.id) },
          h('p', {}, h('strong', {}, c?.name ?? ''), ` — ${categoryNoun(String(c?.category ?? ''))}, ${r.group?.name ?? ''}, revision ${r.pending_revision}`),
          diff, h('div', { class: 'actions' }, reason, act('approve'), act('reject')));
      });
      const reports = q.reports.map((rep) => {
        const b = h('button', { type: 'button' }, 'Mark as handled');
        b.addEventListener('click', async () => {
          await api.resolve(rep.id, '').catch((e) => this.events.onError((e as Error).message));
          void this.loadQueue();
        });
        return h('li', {}, `Resource #${rep.resource}: ${String(rep.kind).replaceAll('_', ' ')} — “${rep.comment ?? ''}” `, b);
      });
      clear(box, h('h3', { id: 'queue-h' }, 'Moderation queue'),
        pending.length ? h('ul', { class: 'plain' }, ...pending) : h('p', { class: 'muted' }, 'Nothing awaits review.'),
        h('h4', {}, 'Reports'), reports.length ? h('ul', { class: 'plain' }, ...reports) : h('p', { class: 'muted' }, 'No open reports.'));
    } catch (e) {
      this.events.onError((e as Error).message);
    }
  }

  get account(): Account | null {
    return this.me?.account ?? null;
  }
}

const TYPED_HINT = 'Or type an address, or latitude, longitude (for an outline, each corner so, separated by ";")';
const TYPED_PLACEHOLDER = 'or type an address, or lat, lon';

/** A location in words: a point's latitude and longitude, or an outline's size. */
function describe(where: Where): string {
  return where.type === 'Point'
    ? `${where.coordinates[1].toFixed(5)}, ${where.coordinates[0].toFixed(5)}`
    : `an outline of ${where.coordinates[0].length - 1} corners`;
}

function show(v: unknown): string {
  if (v == null || v === '') return '–';
  if (typeof v === 'object') return JSON.stringify((v as { coordinates?: unknown }).coordinates ?? v);
  return String(v);
}
