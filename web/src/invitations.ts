// Inviting someone to steward a group by a link, for a person whose address
// the group does not know or who has no account yet. A steward makes the
// link in the group's card and gives it on (chat, paper); the person opens
// it, the map opens at the Commons panel, which says who invites them to
// what, and they accept once signed in. The secret is held as
// `link-secret.ts` says.
import { api, type Group, type Invitation, type InvitationPreview } from './api';
import { clear, h } from './dom';
import { heldLinkBox, linkToCopy, putAside, secretLink, untilWords } from './link-secret';

/** "Ana invites you to steward “Repair Café”." */
export function invitationWords(p: InvitationPreview): string {
  return `${p.invited_by} invites you to steward “${p.group.name}”: to register and look after what it shares, with its other stewards.`;
}

/** A row of the group card's list of open links. */
export function openLinkWords(i: Invitation, today: Date = new Date()): string {
  return `Made by ${i.invited_by.display_name}, open until ${untilWords(i.expires_at, today)}`;
}

export interface InvitationEvents {
  /** Accepted: the group, to show as changed. */
  accepted(g: Group): Promise<void>;
  /** Put aside, or found closed: the panel is drawn again without it. */
  dropped(): void;
}

/** The box at the top of the Commons panel while an invitation is held:
 *  who invites to what, and, signed in, Accept or Not now. */
export function invitationBox(secret: string, signedIn: boolean, events: InvitationEvents): HTMLElement {
  const text = h('p', {}, 'Reading the invitation…');
  const actions = h('p', { class: 'actions' });
  const box = h('section', { id: 'invitation', class: 'notice', 'aria-labelledby': 'invitation-h' },
    h('h3', { id: 'invitation-h' }, 'An invitation'), text, actions);
  const { notNow, failed } = heldLinkBox('invite', box, text, actions, () => events.dropped());
  void api.previewInvitation(secret).then((p) => {
    clear(text, invitationWords(p));
    if (!signedIn) {
      clear(actions, 'Sign in, or create an account below, to accept. ', notNow);
      return;
    }
    const accept = h('button', { type: 'button', class: 'approve' }, 'Accept');
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      try {
        const g = await api.acceptInvitation(secret);
        putAside('invite');
        await events.accepted(g);
      } catch (e) {
        failed(e as Error);
      }
    });
    clear(actions, accept, ' ', notNow);
  }, (e: Error) => failed(e));
  return box;
}

/** The part of a group's card that makes, lists and withdraws links. */
export function inviteSection(g: Group): HTMLElement {
  const list = h('ul', { class: 'plain open-links' });
  const made = h('div', { class: 'invite-made' });
  const status = h('p', { class: 'form-result', role: 'status' });
  const failed = (e: unknown) => {
    status.className = 'form-result form-error';
    status.textContent = (e as Error).message;
  };
  const load = async () => {
    const { invitations } = await api.invitations(g.id);
    if (!invitations.length) {
      clear(list, h('li', { class: 'muted' }, 'None open.'));
      return;
    }
    clear(list, ...invitations.map((i) => {
      const withdraw = h('button', { type: 'button', class: 'link' }, 'Withdraw');
      withdraw.addEventListener('click', async () => {
        withdraw.disabled = true;
        try {
          await api.withdrawInvitation(g.id, i.id);
          status.className = 'form-result ok';
          status.textContent = 'Withdrawn: nobody can accept that link now.';
          await load();
        } catch (e) {
          failed(e);
        }
      });
      return h('li', { 'data-invitation': String(i.id) }, openLinkWords(i), ' · ', withdraw);
    }));
  };
  const make = h('button', { type: 'button' }, 'Make an invitation link');
  make.addEventListener('click', async () => {
    make.disabled = true;
    try {
      const i = await api.invite(g.id);
      const link = secretLink(window.location.origin, window.location.pathname, 'invite', i.secret ?? '');
      clear(made, h('p', {}, 'Give this link to the one person you invite. It is shown only now, and works once, for 7 days.'),
        ...linkToCopy('Invitation link', link, status));
      status.className = 'form-result';
      status.textContent = '';
      await load();
    } catch (e) {
      failed(e);
    } finally {
      make.disabled = false;
    }
  });
  const box = h('details', { class: 'invite' },
    h('summary', {}, 'Invite by link'),
    h('p', { class: 'muted' }, 'For someone whose e-mail address you do not know, or who has no account yet.'),
    make, made, status, h('h4', {}, 'Open links'), list);
  box.addEventListener('toggle', () => {
    if (box.open) void load().catch(failed);
  });
  return box;
}
