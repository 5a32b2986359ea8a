// The one form helper. A Form holds the values being edited, the refused fields' messages, the
// general message, and whether it is saving; `submit` checks the required fields, calls the core,
// and on a refusal puts each message at its field and focuses the first field in error. Pair it
// with <Form> (the <form> element, banner and buttons) and <Field> (label, control, hint, error).
//
// The one banner rule: when the core refuses, the fields this form shows get their message at the
// field, and the banner says "Check the highlighted fields."; a refused field this form does not
// show has its message in the banner instead (nothing is lost); a refusal without fields is the
// banner's sentence.
//
// Ids and test ids by convention, from `id` and `testid` (default `${id}-`): the control of field
// `name` has id `${id}-${name}` and data-testid `${testid}field-${name}`, its message
// `${testid}error-${name}`, the buttons `${testid}save` / `${testid}cancel`, the banner
// `${testid}form-error`.
import { tick } from 'svelte';
import { errorText, fieldErrorText, fieldErrors } from '../errors';

export type FormOptions<V, R> = {
  /** Prefix of the element ids (unique on the page). */
  id: string;
  /** Prefix of the test ids (default `${id}-`; '' for none). */
  testid?: string;
  /** The values to start from (default: `again()`). */
  values?: V;
  /** Calls the core with a snapshot of the values. */
  submit: (values: V) => Promise<R>;
  /** After a successful submit. */
  saved?: (result: R, values: V) => unknown;
  /** An add form that stays: after a successful submit it starts again from these values. */
  again?: () => V;
  /** Escape in the form, and the Cancel button. */
  cancel?: () => void;
  /** Checks of comfort before asking the core (the core decides): field → message, or a falsy
   *  value when the field is fine. */
  check?: (values: V) => Record<string, string | false | null | undefined>;
};

/** The attributes a Field gives its control. */
export type ControlAttrs = {
  id: string;
  name: string;
  'data-testid': string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
};

export class Form<V extends object, R = unknown> {
  values = $state() as V;
  errors = $state<Record<string, string>>({});
  general = $state('');
  saving = $state(false);
  readonly id: string;
  readonly testid: string;
  /** The <form> element (set by <Form>). */
  element: HTMLFormElement | undefined = undefined;

  #options: FormOptions<V, R>;
  #shown = new Set<string>();
  #required = new Set<string>();

  constructor(options: FormOptions<V, R>) {
    this.#options = options;
    this.id = options.id;
    this.testid = options.testid ?? `${options.id}-`;
    this.values = (options.values ?? options.again?.()) as V;
  }

  get cancellable(): boolean {
    return !!this.#options.cancel;
  }

  cancel = (): void => this.#options.cancel?.();

  /** A Field shows `name` (and whether it is required) while it is on screen. */
  show(name: string, required: boolean): () => void {
    this.#shown.add(name);
    if (required) this.#required.add(name);
    return () => {
      this.#shown.delete(name);
      this.#required.delete(name);
    };
  }

  controlId(name: string): string {
    return `${this.id}-${name}`;
  }

  control(name: string, { hint = false, required = false } = {}): ControlAttrs {
    const id = this.controlId(name);
    const error = this.errors[name];
    const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
    return {
      id,
      name,
      'data-testid': `${this.testid}field-${name}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': described || undefined,
      'aria-required': required ? true : undefined,
    };
  }

  submit = async (event?: Event): Promise<void> => {
    event?.preventDefault();
    if (this.saving) return;
    this.errors = {};
    this.general = '';
    const values = $state.snapshot(this.values) as V;
    const early = this.#missing(values);
    for (const [field, message] of Object.entries(this.#options.check?.(values) ?? {})) if (message) early[field] = message;
    if (Object.keys(early).length) {
      this.errors = early;
      await this.focusError();
      return;
    }
    this.saving = true;
    try {
      const result = await this.#options.submit(values);
      if (this.#options.again) this.reset(this.#options.again());
      await this.#options.saved?.(result, values);
    } catch (e) {
      await this.fail(e);
    } finally {
      this.saving = false;
    }
  };

  /** Shows a refusal by the banner rule and focuses it (for calls made outside `submit`). */
  async fail(e: unknown): Promise<void> {
    const shown: Record<string, string> = {};
    const elsewhere: string[] = [];
    for (const [field, message] of Object.entries(fieldErrors(e))) {
      if (this.#shown.has(field)) shown[field] = message;
      else elsewhere.push(message);
    }
    this.errors = shown;
    this.general = elsewhere.length ? elsewhere.join(' ') : errorText(e);
    await this.focusError();
  }

  /** Forgets the messages (and, given values, starts again from them). */
  reset(values?: V): void {
    if (values) this.values = values;
    this.errors = {};
    this.general = '';
  }

  /** Focuses the first control in error, in the page's order, else the banner. */
  async focusError(): Promise<void> {
    await tick();
    const target =
      this.element?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      this.element?.querySelector<HTMLElement>('[data-form-banner]');
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  }

  #missing(values: V): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.#required) {
      // A field of a list or a group is named by its path ("actions.0.action").
      const value = name.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], values);
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
        out[name] = fieldErrorText('required');
      }
    }
    return out;
  }
}

export function createForm<V extends object, R = unknown>(options: FormOptions<V, R>): Form<V, R> {
  return new Form(options);
}
