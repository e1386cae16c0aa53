// A refused form (422) shows each error next to its field: the form marks
// each field's slot as `[data-field=NAME] .field-error`.
import { ApiError } from './api';

export function clearFieldErrors(f: HTMLFormElement): void {
  f.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
}

/** Puts each field error of `err` in its field's slot (a nested path such
 *  as `location.coordinates[0]` in its top field's); true if it had any. */
export function showFieldErrors(f: HTMLFormElement, err: unknown): boolean {
  const fields = err instanceof ApiError ? err.fields : [];
  for (const fe of fields) {
    const slot = f.querySelector(`[data-field="${CSS.escape(fe.field.split(/[.[]/)[0])}"] .field-error`);
    if (slot) slot.textContent = fe.message;
  }
  return fields.length > 0;
}
