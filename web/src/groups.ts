// "Your groups": the groups one stewards, each with its stewards by name.
// A group is stewarded together: its stewards add one another by e-mail,
// rename and describe it, remove one another or step down — never the
// last of them (the server refuses; the card says so before one tries).
import { api, type Group, type Me } from './api';
import { answeredForm } from './answered-form';
import { h } from './dom';
import { inviteSection } from './invitations';

/** What the last change said, and about which group (gone after one steps down). */
export interface Said {
  group: number;
  text: string;
  /** Said to one who no longer stewards the group (stepped down). */
  left?: boolean;
}

export interface GroupEvents {
  /** A group changed (or `me` left it): read `me` again and show `said`. */
  changed(said: Said): Promise<void>;
  onError(message: string): void;
}

export interface StewardRow {
  id: number;
  name: string;
  you: boolean;
  /** The button beside the name; none for the last steward. */
  action: 'Step down' | 'Remove' | null;
}

/** The stewards of `g` as the card lists them, `me` first among equals. */
export function stewardRows(g: Group, me: number): StewardRow[] {
  const all = g.steward_accounts ?? [];
  const alone = all.length <= 1;
  return all.map((s) => ({
    id: s.id,
    name: s.display_name,
    you: s.id === me,
    action: s.id === me ? (alone ? null : 'Step down') : 'Remove',
  }));
}

/** Said after a steward is removed, or after stepping down. */
export function removedWords(g: Group, row: StewardRow): string {
  return row.you ? `You no longer steward “${g.name}”.` : `${row.name} no longer stewards “${g.name}”.`;
}

function field(name: string, label: string, input: HTMLElement): HTMLElement {
  return h('label', { 'data-field': name }, label, input, h('span', { class: 'field-error' }));
}

function groupCard(g: Group, me: number, said: Said | null, events: GroupEvents): HTMLElement {
  const rows = stewardRows(g, me);
  const mine = said?.group === g.id ? said : null;
  const status = h('p', { class: `form-result${mine ? ' ok' : ''}`, role: 'status' }, mine?.text ?? '');
  const stewards = h('ul', { class: 'plain stewards' }, ...rows.map((row) => {
    const button = row.action ? h('button', { type: 'button', class: 'link' }, row.action) : null;
    button?.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api.removeSteward(g.id, row.id);
        await events.changed({ group: g.id, text: removedWords(g, row), left: row.you });
      } catch (err) {
        button.disabled = false;
        status.className = 'form-result form-error';
        status.textContent = (err as Error).message;
      }
    });
    return h('li', { 'data-steward': String(row.id) }, row.you ? `${row.name} (you)` : row.name, button ? ' · ' : null, button);
  }));
  const alone = rows.length === 0
    ? h('p', { class: 'muted' }, 'No steward: only moderators can change it until one is added.')
    : rows.length === 1 && rows[0].you
      ? h('p', { class: 'muted' }, 'You are its only steward: add another before you step down.')
      : null;
  const add = answeredForm(null, [
    field('email', 'Add a steward: the e-mail address of their account', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' })),
  ], h('button', { type: 'submit' }, 'Add steward'), async (d) => {
    const after = await api.addSteward(g.id, String(d.get('email')));
    const added = after.steward_accounts?.at(-1)?.display_name ?? 'They';
    const text = after.stewards?.length === g.stewards?.length ? 'They already steward it.' : `${added} stewards “${g.name}” now.`;
    await events.changed({ group: g.id, text });
    return text;
  }, 'stack add-steward');
  const nameInput = h('input', { name: 'name', required: true, maxlength: '120' });
  nameInput.value = g.name;
  const description = h('textarea', { name: 'description', rows: '3', maxlength: '2000' });
  description.value = g.description ?? '';
  const edit = answeredForm(null, [
    field('name', 'Name', nameInput),
    field('description', 'What the group does (public)', description),
  ], h('button', { type: 'submit' }, 'Save'), async (d) => {
    await api.editGroup(g.id, String(d.get('name')), String(d.get('description')));
    await events.changed({ group: g.id, text: 'Saved.' });
    return 'Saved.';
  }, 'stack edit-group');
  const count = rows.length === 1 ? '1 steward' : `${rows.length} stewards`;
  return h('details', { class: 'group', 'data-group': String(g.id), open: said?.group === g.id },
    h('summary', {}, g.name, h('span', { class: 'muted' }, ` · ${count}`)),
    status,
    g.description ? h('p', { class: 'group-description' }, g.description) : null,
    h('h4', {}, 'Stewards'),
    stewards,
    alone,
    add,
    inviteSection(g),
    edit);
}

/** The signed-in person's groups, and a form to create one. */
export function groupsSection(me: Me, said: Said | null, events: GroupEvents): HTMLElement {
  const groups = me.groups ?? [];
  // Said about a group one no longer stewards: at the top of the list.
  const gone = said?.left
    ? h('p', { class: 'ok', role: 'status', id: 'groups-said' }, said.text)
    : null;
  const f = h('form', { id: 'group-form', class: 'inline-form' },
    h('label', {}, 'New group', h('input', { name: 'name', required: true, maxlength: '120', placeholder: 'e.g. Repair Café Vaduz' })),
    h('button', { type: 'submit' }, 'Create group'));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const g = await api.createGroup(String(new FormData(f).get('name')), '');
      await events.changed({ group: g.id, text: `“${g.name}” is created: you are its steward. Describe it and add other stewards here.` });
    } catch (err) {
      events.onError((err as Error).message);
    }
  });
  return h('section', { id: 'groups', 'aria-labelledby': 'groups-h' }, h('h3', { id: 'groups-h' }, 'Your groups'),
    gone,
    groups.length
      ? h('ul', { class: 'plain group-list' }, ...groups.map((g) => h('li', {}, groupCard(g, me.account.id, said, events))))
      : h('p', { class: 'muted' }, 'You steward no group yet: create one to register resources.'),
    f);
}

/** Words for the moderators' list: how many groups, how many wait on them. */
export function everyGroupWords(groups: Group[]): string {
  const orphaned = groups.filter((g) => (g.stewards ?? []).length === 0).length;
  const all = `Every group (${groups.length})`;
  return orphaned ? `${all}: ${orphaned} without a steward` : all;
}

/** Does `me` steward `g`? Its card is then under "Your groups". */
export function stewardedBy(g: Group, me: number): boolean {
  return (g.stewards ?? []).includes(me);
}

/** Every group, for a moderator, those without a steward first (as the
 *  server orders them): open when some wait on a moderator. A group the
 *  moderator stewards has its card once, under "Your groups"; here a line
 *  says so. */
export function everyGroupList(groups: Group[], me: number, said: Said | null, events: GroupEvents): HTMLElement {
  const waiting = groups.some((g) => (g.stewards ?? []).length === 0);
  const others = groups.filter((g) => !stewardedBy(g, me));
  return h('details', { id: 'every-group', open: waiting || others.some((g) => g.id === said?.group) },
    h('summary', {}, everyGroupWords(groups)),
    h('ul', { class: 'plain group-list' }, ...groups.map((g) => h('li', {}, stewardedBy(g, me)
      ? h('p', { class: 'group-yours', 'data-group-yours': String(g.id) }, g.name, h('span', { class: 'muted' }, ' · yours: under “Your groups”'))
      : groupCard(g, me, said, events)))));
}
