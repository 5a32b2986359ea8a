// How audit entries read in the window: entity, field and action names in the user's language,
// stored values as people read them (dates, archived flags, codes of closed lists).
import type { AuditAction } from '../../bindings/AuditAction';
import type { AuditEntry } from '../../bindings/AuditEntry';
import { localDateTime } from '../../clock';
import { has, t } from '../../i18n.svelte';
import { formatDate } from '../../format';

/** The form whose field names a table's columns share. */
const FIELD_PREFIX: Record<string, string> = {
  clusters: 'cluster',
  contacts: 'contact',
  organisations: 'org',
  courses: 'course',
  sessions: 'session',
  partners: 'partner',
  participants: 'enrolment',
  fee_payments: 'fee',
  membership_fees: 'fee',
};

export const ACTIONS: AuditAction[] = ['create', 'update', 'archive', 'unarchive', 'delete', 'import', 'restore', 'export', 'erase'];

export function entityName(entity: string): string {
  const key = `audit.entity.${entity}`;
  return has(key) ? t(key) : entity;
}

export function actionName(action: AuditAction): string {
  return t(`audit.action.${action}`);
}

export function fieldName(entity: string, field: string): string {
  const prefix = FIELD_PREFIX[entity];
  const own = `${prefix}.field.${field}`;
  if (prefix && has(own)) return t(own);
  const shared = `audit.field.${field}`;
  if (has(shared)) return t(shared);
  return field;
}

/** A stored value as shown: dates in the language's format, codes of closed lists translated. */
export function valueText(field: string, value: string | null): string {
  if (value === null) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return stamp(value);
  for (const list of [field, field.replace(/_id$/, '')]) {
    const key = `${list}.${value}`;
    if (has(key)) return t(key);
  }
  return value;
}

/** "27.11.2026 14:03" in Bucharest time (the log keeps UTC), from an RFC 3339 UTC stamp. */
export function stamp(at: string): string {
  const local = localDateTime(at);
  return local ? `${formatDate(local.date)} ${local.time}` : at;
}

/** The record an entry is about, as a line: "Cluster · Clusterul Textil Brașov". */
export function recordText(entry: AuditEntry): string {
  const what = entityName(entry.entity);
  return entry.label ? `${what} · ${entry.label}` : entry.entity_id !== null ? `${what} #${entry.entity_id}` : what;
}
