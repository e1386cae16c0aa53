// The signed-in person's own account: changing the password (every other
// sign-in — another browser, a script's API token — ends with the old
// one, and the panel says how many did), and erasing the account.
import { api, type Me } from './api';
import { h } from './dom';
import { answeredForm } from './answered-form';

/** Words for what the server revoked: "1 other sign-in", "no other sign-in". */
export function endedWords(n: number): string {
  if (n === 0) return 'No other sign-in was open.';
  return `${n} other sign-in${n === 1 ? '' : 's'} (browsers or API tokens) ended.`;
}

function passwordField(name: string, label: string, autocomplete: string, extra: Record<string, string> = {}): HTMLElement {
  return h('label', { 'data-field': name }, label,
    h('input', { name, type: 'password', required: true, autocomplete, ...extra }),
    h('span', { class: 'field-error' }));
}

/** The groups `me` is the only steward of. */
export function stewardedAlone(me: Me): string[] {
  return me.groups.filter((g) => g.stewards?.length === 1 && g.stewards[0] === me.account.id).map((g) => g.name);
}

/** What erasing leaves behind, said before the person confirms. */
export function erasureWarning(alone: string[]): string {
  const base = 'Your e-mail address, name and password are removed and you are signed out everywhere. '
    + 'What your groups share stays on the map, and its history says an erased account made your edits.';
  if (alone.length === 0) return base;
  const names = alone.map((n) => `“${n}”`).join(', ');
  return `${base} You are the only steward of ${names}: add another steward first, or only moderators can change ${alone.length === 1 ? 'it' : 'them'}.`;
}

/** A closed "Your account" section: change the password, or erase the
 *  account (`onErased` then shows the signed-out panel). */
export function accountSection(me: Me, onErased: () => void): HTMLElement {
  const change = answeredForm('password-form', [
    h('h4', {}, 'Change password'),
    passwordField('current_password', 'Current password', 'current-password'),
    passwordField('new_password', 'New password (at least 10 characters)', 'new-password', { minlength: '10', maxlength: '200' }),
  ], h('button', { type: 'submit' }, 'Change password'), async (d) => {
    const r = await api.changePassword(String(d.get('current_password')), String(d.get('new_password')));
    return `Your password is changed. ${endedWords(r.revoked)}`;
  });
  const erase = answeredForm('erase-form', [
    h('h4', {}, 'Erase your account'),
    h('p', { class: 'muted' }, erasureWarning(stewardedAlone(me))),
    passwordField('password', 'Your password, to confirm', 'current-password'),
  ], h('button', { type: 'submit', class: 'danger' }, 'Erase my account'), async (d) => {
    await api.eraseAccount(String(d.get('password')));
    onErased();
    return '';
  });
  return h('details', { id: 'account' }, h('summary', {}, 'Your account'), change, erase);
}
