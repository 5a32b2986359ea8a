// Test data for the trainings screens (Vitest only).
import type { Course } from '../../lib/bindings/Course';
import type { RegistrationView } from '../../lib/bindings/RegistrationView';
import type { SessionDetail } from '../../lib/bindings/SessionDetail';
import type { SessionRow } from '../../lib/bindings/SessionRow';

export function course(overrides: Partial<Course> = {}): Course {
  return {
    id: 3,
    title_ro: 'Managementul clusterelor – nivel de bază',
    title_en: 'Cluster management – foundation level',
    topic: 'Managementul clusterelor',
    partner_id: 1,
    partner_name: 'France Clusters',
    format: 'on_site',
    hours: 16,
    fee_bani: 120000,
    completion_percent: 80,
    description: '',
    session_count: 2,
    ...overrides,
  };
}

export function sessionRow(overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: 11,
    course_id: 3,
    title_ro: 'Managementul clusterelor – nivel de bază',
    title_en: 'Cluster management – foundation level',
    topic: 'Managementul clusterelor',
    partner_name: 'France Clusters',
    format: 'on_site',
    place: 'București',
    link: '',
    trainer: 'Ioana Popescu',
    status: 'planned',
    first_day: '2026-11-26',
    last_day: '2026-11-27',
    day_count: 2,
    hours: 16,
    enrolment_deadline: '2026-11-20',
    open_for_enrolment: false,
    counts: { capacity: 2, enrolled: 2, waitlisted: 1, cancelled: 0, attended: 0, completed: 0, no_show: 0, free: 0 },
    ...overrides,
  };
}

export function person(id: number, name: string, state: RegistrationView['state'], overrides: Partial<RegistrationView> = {}): RegistrationView {
  return {
    id,
    participant_id: 100 + id,
    name,
    organisation: 'Clusterul Textil Brașov',
    email: '',
    contact_id: 200 + id,
    cluster_id: 7,
    cluster_name: 'Clusterul Textil Brașov',
    organisation_id: null,
    country: 'RO',
    language: 'ro',
    state,
    arrival: id,
    waitlist_position: null,
    registered_at: '2026-11-01T10:00:00Z',
    late_override_reason: null,
    certificate_number: null,
    ...overrides,
  };
}

export function sessionDetail(overrides: Partial<SessionDetail> = {}, roster?: RegistrationView[]): SessionDetail {
  const people = roster ?? [
    person(1, 'Ștefania Munteanu', 'enrolled'),
    person(2, 'Bogdan Lazăr', 'enrolled'),
    person(3, 'Réka Szabó', 'waitlisted', { waitlist_position: 1 }),
  ];
  const seated = people.filter((p) => ['enrolled', 'completed', 'no_show'].includes(p.state)).length;
  const waiting = people.filter((p) => p.state === 'waitlisted').length;
  return {
    session: {
      id: 11,
      status: 'planned',
      first_day: '2026-11-26',
      last_day: '2026-11-27',
      hours: 16,
      course_id: 3,
      place: 'București, Hotel Central',
      link: '',
      trainer: 'Ioana Popescu',
      capacity: 2,
      enrolment_deadline: '2099-11-20',
      notes: '',
      days: [
        { day: '2026-11-26', hours: 8 },
        { day: '2026-11-27', hours: 8 },
      ],
    },
    course: course(),
    partner: {
      id: 1,
      name: 'France Clusters',
      kind: 'training_provider',
      network: '',
      country: 'FR',
      website: '',
      contact_person: '',
      email: '',
      notes: '',
      course_count: 2,
      event_count: 0,
    },
    roster: people,
    counts: { capacity: 2, enrolled: seated, waitlisted: waiting, cancelled: 0, attended: 0, completed: 0, no_show: 0, free: Math.max(0, 2 - seated) },
    attendance: [],
    progress: people
      .filter((p) => p.state === 'enrolled')
      .map((p) => ({ registration_id: p.id, attended_hours: 0, days_present: 0, meets_completion: false })),
    hours_to_complete: 12.8,
    open_for_enrolment: true,
    ...overrides,
  };
}
