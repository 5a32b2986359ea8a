// The shared pieces of a page (ARCHITECTURE.md, `ui/`, says which to use for what).
export { default as DataTable } from './DataTable.svelte';
export { default as RowActions } from './RowActions.svelte';
export { default as Loading } from './Loading.svelte';
export { default as Tabs } from './Tabs.svelte';
export { default as Combobox } from './Combobox.svelte';
export { confirm, type ConfirmRequest } from './confirm.svelte';
export { toast } from './toast.svelte';
export { resource, Resource } from './resource.svelte';
export type { Column, RowAction, Sort } from './table';
export { default as Card } from './Card.svelte';
export { default as TableHead } from './TableHead.svelte';
export { default as NewLink } from './NewLink.svelte';
export { default as EmptyState } from './EmptyState.svelte';
export { task, Task } from './task.svelte';
export { default as PageHeader } from './PageHeader.svelte';
export { default as CompactSelect } from './CompactSelect.svelte';
export { default as SearchInput } from './SearchInput.svelte';
