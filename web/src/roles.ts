// "Who moderates", for admins: everyone who moderates, and a form that
// gives a role by the e-mail address of an account. The last admin stays
// one: the server refuses, and the form says why.
import { type Account, api } from './api';
import { answeredForm } from './answered-form';
import { clear, h } from './dom';

/** What a role change did, in words. */
export function roleWords(a: Pick<Account, 'display_name' | 'role'>): string {
  if (a.role === 'member') return `${a.display_name} is a member now, and moderates no more.`;
  return `${a.display_name} is ${a.role === 'admin' ? 'an admin' : 'a moderator'} now.`;
}

function row(a: Account, me: number): HTMLElement {
  return h('li', { 'data-account': String(a.id) },
    h('span', { class: 'name' }, a.id === me ? `${a.display_name} (you)` : a.display_name),
    h('span', { class: 'muted' }, ` · ${a.email} · `),
    h('span', { class: `badge ${a.role}` }, a.role));
}

/** A closed "Who moderates" section that reads the list when opened. */
export function rolesSection(me: number, onError: (message: string) => void): HTMLElement {
  const list = h('ul', { class: 'plain staff' });
  const load = async () => {
    try {
      const all = (await api.staff()).accounts;
      clear(list, ...all.map((a) => row(a, me)));
    } catch (err) {
      onError((err as Error).message);
    }
  };
  const role = h('select', { name: 'role' },
    h('option', { value: 'moderator' }, 'moderator'),
    h('option', { value: 'admin' }, 'admin'),
    h('option', { value: 'member' }, 'member (moderates no more)'));
  const give = answeredForm('role-form', [
    h('label', { 'data-field': 'email' }, 'E-mail address of their account',
      h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' }), h('span', { class: 'field-error' })),
    h('label', { 'data-field': 'role' }, 'Role', role, h('span', { class: 'field-error' })),
  ], h('button', { type: 'submit' }, 'Give role'), async (d) => {
    const a = await api.giveRole(String(d.get('email')), String(d.get('role')));
    await load();
    return roleWords(a);
  });
  const section = h('details', { id: 'roles' }, h('summary', {}, 'Who moderates'),
    h('p', { class: 'muted' }, 'Moderators review entries and reports; admins also give roles. There is always at least one admin.'),
    list, give);
  section.addEventListener('toggle', () => {
    if (section.open) void load();
  });
  return section;
}
