// A form that says how its last submission went: on submit it clears the
// last answer, runs, and shows what `run` says, or the error (a 422's
// errors next to their fields, "Nothing changed." under the form).
import { h } from './dom';
import { clearFieldErrors, showFieldErrors } from './field-errors';

export function answeredForm(id: string | null, fields: Node[], submit: HTMLButtonElement,
  run: (d: FormData) => Promise<string>, className = 'stack'): HTMLFormElement {
  const result = h('p', { class: 'form-result', role: 'status' });
  const f = h('form', { id: id ?? undefined, class: className }, ...fields, submit, result);
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
