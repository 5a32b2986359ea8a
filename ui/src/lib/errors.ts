// The one error translator. A failed command rejects with the core's UserError (a message code,
// its parameters, the refused fields); here it becomes sentences in the user's language, with the
// dates, meeting slots and numbers of the parameters written the language's way.
import type { UserError } from './bindings/UserError';
import { formatDate, formatNumberText, formatSlot } from './format';
import { has, t } from './i18n.svelte';

export function isUserError(e: unknown): e is UserError {
  return typeof e === 'object' && e !== null && 'code' in e && 'fields' in e;
}

/** Whether the command said the record does not exist (any more). */
export function isNotFound(e: unknown): boolean {
  return isUserError(e) && e.code === 'error.not_found';
}

/** The core sends dates as ISO, slots as YYYY-MM-DDTHH:MM and numbers as plain text. */
function readable(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) out[name] = formatSlot(value);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) out[name] = formatDate(value);
    else out[name] = formatNumberText(value);
  }
  return out;
}

function message(code: string, params: Record<string, string>): string {
  return has(code) ? t(code, readable(params)) : code;
}

/** The sentence for an error a command returned (or anything else thrown). */
export function errorText(e: unknown): string {
  if (isUserError(e)) return message(e.code, e.params);
  return t('error.unexpected', { detail: String(e) });
}

/** The message for one refused field (`code` without its `error.` prefix, as the core sends it). */
export function fieldErrorText(code: string, params: Record<string, string> = {}): string {
  return message(`error.${code}`, params);
}

/** The refused fields of a failed command, as messages by field name (several joined). */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isUserError(e)) return out;
  for (const f of e.fields) {
    const text = fieldErrorText(f.code, f.params);
    out[f.field] = out[f.field] ? `${out[f.field]} ${text}` : text;
  }
  return out;
}

/** Everything a refusal says, in one line: its field messages, else its sentence. For places that
 *  show no fields (a confirmation dialog, a row's inline action). */
export function refusalText(e: unknown): string {
  const fields = Object.values(fieldErrors(e));
  return fields.length ? fields.join(' ') : errorText(e);
}
