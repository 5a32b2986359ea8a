// Forms: see form.svelte.ts (the helper and its conventions), Form.svelte, Field.svelte.
export { createForm, Form as FormState, type ControlAttrs, type FormOptions } from './form.svelte';
export { default as Form } from './Form.svelte';
export { default as Field } from './Field.svelte';
export { default as DateInput } from './DateInput.svelte';
export { default as SelectField } from './SelectField.svelte';
export { default as TextField } from './TextField.svelte';
