// Setting a forgotten password by a link. This map sends no e-mail, so an
// admin makes the link ("Set a forgotten password", beside "Who
// moderates") and hands it on; whoever opens it reads whose password it
// sets at the top of the Commons panel, chooses a new one and is signed
// in. Every other session and token of the account ends.
import { type Account, api, ApiError, type OwnPasswordReset, type PasswordReset, type PasswordResetPreview, type PasswordResetUsed } from './api';
import { clear, h } from './dom';
import { clearFieldErrors, showFieldErrors } from './field-errors';
import { heldLinkBox, heldSecret, linkToCopy, putAside, secretLink, untilWords } from './link-secret';

/** Whose password the link sets; a warning when someone else is signed
 *  in here (using it signs them out). */
export function resetWords(p: PasswordResetPreview, signedIn: Pick<Account, 'display_name' | 'email'> | null): string {
  const whose = `This link sets a new password for ${p.account.display_name} (${p.account.email}).`;
  if (!signedIn || signedIn.email === p.account.email) return whose;
  return `${whose} You are signed in as ${signedIn.display_name}: setting it signs you in as ${p.account.display_name} instead.`;
}

/** What setting it did, in words. */
export function resetDoneWords(used: PasswordResetUsed): string {
  const ended = used.revoked === 1 ? 'One session or token' : `${used.revoked} sessions and tokens`;
  return `Your new password is set, and you are signed in.${used.revoked > 0 ? ` ${ended} signed in with the old one ended.` : ''}`;
}

export interface ResetEvents {
  /** The password is set and this tab signed in as its account. */
  signedIn(used: PasswordResetUsed): Promise<void>;
  /** Put aside, or found closed: the panel is drawn again without it. */
  dropped(): void;
}

/** The box at the top of the Commons panel while a reset link is held:
 *  whose password it sets, and a form for the new one. */
export function resetBox(signedIn: Account | null, events: ResetEvents): HTMLElement | null {
  const secret = heldSecret('reset');
  if (!secret) return null;
  const text = h('p', {}, 'Reading the link…');
  const body = h('div');
  const box = h('section', { id: 'password-reset', class: 'notice', 'aria-labelledby': 'password-reset-h' },
    h('h3', { id: 'password-reset-h' }, 'Set a new password'), text, body);
  const { notNow, failed } = heldLinkBox('reset', box, text, body, () => events.dropped());
  void api.previewPasswordReset(secret).then((p) => {
    clear(text, resetWords(p, signedIn));
    const form = h('form', { id: 'password-reset-form', class: 'stack' },
      // For the browser's password manager: which account this is for.
      h('input', { type: 'email', name: 'email', value: p.account.email, autocomplete: 'username', hidden: true, readonly: true }),
      h('label', { 'data-field': 'new_password' }, 'New password (at least 10 characters)',
        h('input', { name: 'new_password', type: 'password', required: true, minlength: '10', maxlength: '200', autocomplete: 'new-password' }),
        h('span', { class: 'field-error' })),
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'approve' }, 'Set password and sign in'), ' ', notNow));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
      if (submit) submit.disabled = true;
      try {
        const used = await api.usePasswordReset(secret, String(new FormData(form).get('new_password')));
        putAside('reset');
        await events.signedIn(used);
      } catch (err) {
        if (submit) submit.disabled = false;
        if (err instanceof ApiError && err.status === 422 && showFieldErrors(form, err)) return;
        failed(err as Error);
      }
    });
    clear(body, form);
  }, (e: Error) => failed(e));
  return box;
}

/** Said to the owner of an account an open link is for: a link they did
 *  not ask for should not go unnoticed. */
export function ownLinkWords(made: Pick<OwnPasswordReset, 'made_by' | 'expires_at'>, today: Date = new Date()): string {
  return `${made.made_by} made a link that sets a new password for your account, open until ${untilWords(made.expires_at, today)}. `
    + 'If you did not ask for one, withdraw it: your password stays as it is.';
}

/** The owner's line about a link open for their account, with a button
 *  that withdraws it; `onWithdrawn` is told once it is. */
export function ownLinkLine(r: OwnPasswordReset, onWithdrawn: (id: number) => void): HTMLElement {
  const withdraw = h('button', { type: 'button', class: 'link' }, 'Withdraw it');
  const line = h('p', { class: 'notice own-reset-link', role: 'status', 'data-password-reset': String(r.id) },
    ownLinkWords(r), ' ', withdraw);
  withdraw.addEventListener('click', async () => {
    withdraw.disabled = true;
    try {
      await api.withdrawPasswordReset(r.id);
      clear(line, 'Withdrawn: nobody can use that link now.');
      onWithdrawn(r.id);
    } catch (e) {
      clear(line, ownLinkWords(r), ' ', h('span', { class: 'form-error' }, (e as Error).message));
    }
  });
  return line;
}

/** A row of the admins' list of open links. */
export function openResetWords(r: PasswordReset, today: Date = new Date()): string {
  return `For ${r.account.display_name} (${r.account.email}), made by ${r.made_by.display_name}, open until ${untilWords(r.expires_at, today)}`;
}

/** For admins: makes a reset link for the account with an address, shows
 *  it once, to copy and hand on, and lists the open ones to withdraw. */
export function resetLinkSection(): HTMLElement {
  const made = h('div', { class: 'invite-made' });
  const status = h('p', { class: 'form-result', role: 'status' });
  const list = h('ul', { class: 'plain open-links' });
  const failed = (e: unknown) => {
    status.className = 'form-result form-error';
    status.textContent = (e as Error).message;
  };
  const load = async () => {
    const open = (await api.passwordResets()).password_resets;
    if (!open.length) {
      clear(list, h('li', { class: 'muted' }, 'None open.'));
      return;
    }
    clear(list, ...open.map((r) => {
      const withdraw = h('button', { type: 'button', class: 'link' }, 'Withdraw');
      withdraw.addEventListener('click', async () => {
        withdraw.disabled = true;
        try {
          await api.withdrawPasswordReset(r.id);
          status.className = 'form-result ok';
          status.textContent = 'Withdrawn: nobody can use that link now.';
          await load();
        } catch (e) {
          failed(e);
        }
      });
      return h('li', { 'data-password-reset': String(r.id) }, openResetWords(r), ' · ', withdraw);
    }));
  };
  const form = h('form', { id: 'reset-link-form', class: 'stack' },
    h('label', { 'data-field': 'email' }, 'E-mail address of their account',
      h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' }), h('span', { class: 'field-error' })),
    h('button', { type: 'submit' }, 'Make a reset link'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    status.className = 'form-result';
    status.textContent = '';
    try {
      const r = await api.makePasswordReset(String(new FormData(form).get('email')));
      const link = secretLink(window.location.origin, window.location.pathname, 'reset', r.secret ?? '');
      clear(made,
        h('p', {}, `A link that sets a new password for ${r.account.display_name} (${r.account.email}). Give it to them yourself. It is shown only now, and works once, for 2 days.`),
        ...linkToCopy('Password reset link', link, status));
      form.reset();
      await load();
    } catch (err) {
      status.className = 'form-result form-error';
      status.textContent = showFieldErrors(form, err) ? 'Nothing changed.' : (err as Error).message;
    }
  });
  const section = h('details', { id: 'reset-links' }, h('summary', {}, 'Set a forgotten password'),
    h('p', { class: 'muted' }, 'This map sends no e-mail. Make a link for the person and hand it on yourself: in person, by phone, in a chat you trust. A newer link withdraws an older one; using it ends the sessions signed in with the old password.'),
    form, made, status, h('h4', {}, 'Open links'), list);
  section.addEventListener('toggle', () => {
    if (section.open) void load().catch(failed);
  });
  return section;
}
