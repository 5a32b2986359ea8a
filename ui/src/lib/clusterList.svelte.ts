// The cluster list's search, filters, sort and page. Kept at module level so that going to a
// cluster's record and coming back shows the list exactly as it was.
import type { AnafFlag } from './bindings/AnafFlag';
import type { ClusterQuery } from './bindings/ClusterQuery';
import type { ClusterSort } from './bindings/ClusterSort';
import type { EligibilityFilter } from './bindings/EligibilityFilter';
import type { LabelFilter } from './bindings/LabelFilter';
import type { MembershipStatus } from './bindings/MembershipStatus';
import type { Region } from './bindings/Region';
import type { Sector } from './bindings/Sector';

export const PAGE_SIZE = 50;

export interface ListState {
  search: string;
  sectors: Sector[];
  regions: Region[];
  counties: string[];
  statuses: MembershipStatus[];
  labels: LabelFilter[];
  eligibility: EligibilityFilter[];
  anaf: AnafFlag | null;
  unpaid_only: boolean;
  archived: boolean;
  sort: ClusterSort;
  descending: boolean;
  offset: number;
}

function initial(): ListState {
  return {
    search: '',
    sectors: [],
    regions: [],
    counties: [],
    statuses: [],
    labels: [],
    eligibility: [],
    anaf: null,
    unpaid_only: false,
    archived: false,
    sort: 'name',
    descending: false,
    offset: 0,
  };
}

export const listState = $state<ListState>(initial());

/** Back to the defaults (for tests, and a fresh database). */
export function resetListState(): void {
  Object.assign(listState, initial());
}

/** Whether a search or a filter narrows the list (the archive switch is not a filter). */
export function hasFilters(s: ListState = listState): boolean {
  return (
    s.search.trim() !== '' ||
    s.sectors.length > 0 ||
    s.regions.length > 0 ||
    s.counties.length > 0 ||
    s.statuses.length > 0 ||
    s.labels.length > 0 ||
    s.eligibility.length > 0 ||
    s.anaf !== null ||
    s.unpaid_only
  );
}

export function clearFilters(): void {
  const { archived, sort, descending } = listState;
  Object.assign(listState, { ...initial(), archived, sort, descending });
}

/** A list's query with nothing narrowed: every current cluster, in the default order. */
export function allClusters(limit: number): ClusterQuery {
  return { ...toQuery(initial()), limit };
}

/** The list narrowed to one flag of ANAF's check, nothing else (the dashboard's counts link here). */
export function showAnafFlag(flag: AnafFlag): void {
  const { archived, sort, descending } = listState;
  Object.assign(listState, { ...initial(), archived, sort, descending, anaf: flag });
}

/** A column header click: the same column flips the direction, another one sorts ascending. */
export function toggleSort(sort: ClusterSort): void {
  if (listState.sort === sort) {
    listState.descending = !listState.descending;
  } else {
    listState.sort = sort;
    listState.descending = false;
  }
  listState.offset = 0;
}

/** The query for the core, as plain data (reading every field, so an effect tracks them all). */
export function toQuery(s: ListState = listState): ClusterQuery {
  return {
    search: s.search.trim(),
    sectors: [...s.sectors],
    regions: [...s.regions],
    counties: [...s.counties],
    statuses: [...s.statuses],
    labels: [...s.labels],
    eligibility: [...s.eligibility],
    anaf: s.anaf,
    unpaid_only: s.unpaid_only,
    archived: s.archived,
    sort: s.sort,
    descending: s.descending,
    offset: s.offset,
    limit: PAGE_SIZE,
  };
}
