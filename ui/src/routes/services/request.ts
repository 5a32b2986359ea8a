// A request's closed lists, in the order the forms and filters offer them, and its hours.
import type { ActivityKind } from '../../lib/bindings/ActivityKind';
import type { RequestScope } from '../../lib/bindings/RequestScope';
import type { RequestTopic } from '../../lib/bindings/RequestTopic';
import { formatDecimal } from '../../lib/format';

export const SCOPES: RequestScope[] = ['open', 'overdue', 'closed', 'all'];
export const TOPICS: RequestTopic[] = ['founding', 'governance', 'strategy', 'funding', 'internationalisation', 'digitalisation', 'other'];
export const ACTIVITY_KINDS: ActivityKind[] = ['meeting', 'call', 'visit', 'written_advice', 'document_review'];

/** Minutes as hours with two decimals: 150 → 2,50. */
export const hours = (minutes: number) => formatDecimal(Math.round((minutes * 100) / 60));
