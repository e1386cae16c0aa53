// The signed-in person's own account: changing the password (every other
// sign-in — another browser, a script's API token — ends with the old
// one, and the panel says how many did), and erasing the account.
import { api, type Me } from './api';
import { h } from './dom';
import { clearFieldErrors, showFieldErrors } from './field-errors';

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

/** A form that clears its last answer on submit and shows the next. */
function accountForm(id: string, fields: Node[], submit: HTMLButtonElement,
  run: (d: FormData) => Promise<string>): HTMLFormElement {
  const result = h('p', { class: 'form-result', role: 'status' });
  const f = h('form', { id, class: 'stack' }, ...fields, submit, result);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f);
    result.className = 'form-result';
    result.textContent = '';
    try {
      const said = await run(new FormData(f));
      f.reset();
      result.className = 'form-result ok';
      result.textContent = said;
    } catch (err) {
      result.className = 'form-result form-error';
      result.textContent = showFieldErrors(f, err) ? 'Nothing changed.' : (err as Error).message;
    }
  });
  return f;
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
  const change = accountForm('password-form', [
    h('h4', {}, 'Change password'),
    passwordField('current_password', 'Current password', 'current-password'),
    passwordField('new_password', 'New password (at least 10 characters)', 'new-password', { minlength: '10', maxlength: '200' }),
  ], h('button', { type: 'submit' }, 'Change password'), async (d) => {
    const r = await api.changePassword(String(d.get('current_password')), String(d.get('new_password')));
    return `Your password is changed. ${endedWords(r.revoked)}`;
  });
  const erase = accountForm('erase-form', [
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
