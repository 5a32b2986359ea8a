// Every call the window makes to the Rust side, typed with the bindings ts-rs generates from the
// core (src/lib/bindings, never edited by hand). A failed call rejects with a UserError.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { AppStatus } from './bindings/AppStatus';
import type { Attribution } from './bindings/Attribution';
import type { CaenClass } from './bindings/CaenClass';
import type { CaenCode } from './bindings/CaenCode';
import type { CaenRevision } from './bindings/CaenRevision';
import type { ClusterDetail } from './bindings/ClusterDetail';
import type { ClusterInput } from './bindings/ClusterInput';
import type { ClusterPage } from './bindings/ClusterPage';
import type { ClusterQuery } from './bindings/ClusterQuery';
import type { ContactInput } from './bindings/ContactInput';
import type { LabelInput } from './bindings/LabelInput';
import type { Lang } from './bindings/Lang';
import type { OrganisationInput } from './bindings/OrganisationInput';
import type { PaymentInput } from './bindings/PaymentInput';
import type { ReferenceData } from './bindings/ReferenceData';
import type { CancelOutcome } from './bindings/CancelOutcome';
import type { CompletionSummary } from './bindings/CompletionSummary';
import type { Course } from './bindings/Course';
import type { CourseInput } from './bindings/CourseInput';
import type { ParticipantInput } from './bindings/ParticipantInput';
import type { Partner } from './bindings/Partner';
import type { PartnerInput } from './bindings/PartnerInput';
import type { PersonChoice } from './bindings/PersonChoice';
import type { Registration } from './bindings/Registration';
import type { SessionDetail } from './bindings/SessionDetail';
import type { SessionInput } from './bindings/SessionInput';
import type { SessionRow } from './bindings/SessionRow';
import type { TrainingRecord } from './bindings/TrainingRecord';

type ProgressListener = (progress: import('./bindings/ImportProgress').ImportProgress) => void;

function progressChannel(listener: ProgressListener): Channel<import('./bindings/ImportProgress').ImportProgress> {
  const channel = new Channel<import('./bindings/ImportProgress').ImportProgress>();
  channel.onmessage = listener;
  return channel;
}

export const api = {
  appStatus: () => invoke<AppStatus>('app_status'),
  setupDatabase: (demo: boolean, language: Lang, staff_name: string) =>
    invoke<void>('setup_database', { demo, language, staff_name }),
  setLanguage: (language: Lang) => invoke<void>('set_language', { language }),

  referenceData: () => invoke<ReferenceData>('reference_data'),
  caenSearch: (revision: CaenRevision, query: string) => invoke<CaenClass[]>('caen_search', { revision, query }),
  caenAttribution: () => invoke<Attribution>('caen_attribution'),

  listClusters: (query: ClusterQuery) => invoke<ClusterPage>('list_clusters', { query }),
  getCluster: (id: number) => invoke<ClusterDetail>('get_cluster', { id }),
  createCluster: (input: ClusterInput) => invoke<number>('create_cluster', { input }),
  updateCluster: (id: number, input: ClusterInput) => invoke<void>('update_cluster', { id, input }),
  archiveCluster: (id: number) => invoke<void>('archive_cluster', { id }),
  restoreCluster: (id: number) => invoke<void>('restore_cluster', { id }),
  deleteCluster: (id: number, confirm_name: string) => invoke<void>('delete_cluster', { id, confirm_name }),
  replaceClusterCaen: (cluster_id: number, old: CaenCode, replacement: CaenCode[]) =>
    invoke<void>('replace_cluster_caen', { cluster_id, old, new: replacement }),

  saveContact: (cluster_id: number, id: number | null, input: ContactInput) =>
    invoke<number>('save_contact', { cluster_id, id, input }),
  deleteContact: (id: number) => invoke<void>('delete_contact', { id }),
  saveOrganisation: (cluster_id: number, id: number | null, input: OrganisationInput) =>
    invoke<number>('save_organisation', { cluster_id, id, input }),
  deleteOrganisation: (id: number) => invoke<void>('delete_organisation', { id }),
  setFee: (cluster_id: number, year: number, due_bani: number) => invoke<void>('set_fee', { cluster_id, year, due_bani }),
  addPayment: (cluster_id: number, input: PaymentInput) => invoke<number>('add_payment', { cluster_id, input }),
  deletePayment: (id: number) => invoke<void>('delete_payment', { id }),
  addLabel: (cluster_id: number, input: LabelInput) => invoke<number>('add_label', { cluster_id, input }),

  // Trainings (src-tauri/src/commands/trainings.rs). The staff member's name is added by Rust.
  // An export resolves to the path written, or null when the user closed the save dialog.
  listPartners: () => invoke<Partner[]>('list_partners'),
  savePartner: (id: number | null, input: PartnerInput) => invoke<number>('save_partner', { id, input }),
  listCourses: () => invoke<Course[]>('list_courses'),
  saveCourse: (id: number | null, input: CourseInput) => invoke<number>('save_course', { id, input }),
  sessionsIn: (from: string, to: string) => invoke<SessionRow[]>('sessions_in', { from, to }),
  courseSessions: (course_id: number) => invoke<SessionRow[]>('course_sessions', { course_id }),
  sessionDetail: (id: number) => invoke<SessionDetail>('session_detail', { id }),
  saveSession: (id: number | null, input: SessionInput) => invoke<number>('save_session', { id, input }),
  cancelSession: (id: number, reason: string) => invoke<void>('cancel_session', { id, reason }),
  searchPeople: (text: string) => invoke<PersonChoice[]>('search_people', { text }),
  enrolPerson: (session_id: number, person: PersonChoice, override_reason: string | null) =>
    invoke<Registration>('enrol_person', { session_id, person, override_reason }),
  enrolExternal: (session_id: number, input: ParticipantInput, override_reason: string | null) =>
    invoke<Registration>('enrol_external', { session_id, input, override_reason }),
  cancelRegistration: (registration_id: number) => invoke<CancelOutcome>('cancel_registration', { registration_id }),
  recordAttendance: (registration_id: number, day: string, present: boolean) =>
    invoke<Registration>('record_attendance', { registration_id, day, present }),
  completeSession: (session_id: number) => invoke<CompletionSummary>('complete_session', { session_id }),
  participantHistory: (participant_id: number) => invoke<TrainingRecord[]>('participant_history', { participant_id }),
  clusterTrainings: (cluster_id: number) => invoke<TrainingRecord[]>('cluster_trainings', { cluster_id }),
  exportAttendanceSheets: (session_id: number) => invoke<string | null>('export_attendance_sheets', { session_id }),
  exportCertificates: (session_id: number) => invoke<string | null>('export_certificates', { session_id }),
  exportParticipants: (session_id: number, format: 'csv' | 'xlsx') =>
    invoke<string | null>('export_participants', { session_id, format }),

  // Backups (src-tauri/src/commands/backup.rs). A backup is named by its file name in the backups
  // folder, never by a path. saveBackupCopy / restoreBackupFromFile resolve to null when the user
  // closes the native dialog.
  listBackups: () => invoke<import('./bindings/BackupInfo').BackupInfo[]>('list_backups'),
  createBackup: () => invoke<import('./bindings/BackupInfo').BackupInfo>('create_backup'),
  saveBackupCopy: () => invoke<string | null>('save_backup_copy'),
  restoreBackup: (file_name: string) =>
    invoke<import('./bindings/RestoreReport').RestoreReport>('restore_backup', { file_name }),
  restoreBackupFromFile: () =>
    invoke<import('./bindings/RestoreReport').RestoreReport | null>('restore_backup_from_file'),
  backupKeep: () => invoke<number>('backup_keep'),
  setBackupKeep: (keep: number) => invoke<void>('set_backup_keep', { keep }),

  // Summary (src-tauri/src/commands/summary.rs): the dashboard and the annual report, from the same
  // core figures. An export resolves to the path written, or null when the user closed the save
  // dialog; 'csv' writes a zip of CSV files.
  dashboard: () => invoke<import('./bindings/Dashboard').Dashboard>('dashboard'),
  annualSummary: (year: number) => invoke<import('./bindings/AnnualSummary').AnnualSummary>('annual_summary', { year }),
  exportAnnual: (year: number, format: 'pdf' | 'xlsx' | 'csv') => invoke<string | null>('export_annual', { year, format }),
  /** The clusters `query` selects (the whole member directory without one). */
  exportClusters: (format: 'csv' | 'xlsx', query: ClusterQuery | null = null) =>
    invoke<string | null>('export_clusters', { format, query }),
  // Eligibility, SME audits and the label register (src-tauri/src/commands/eligibility.rs,
  // audits.rs, and the label commands in clusters.rs).
  clusterEligibility: (cluster_id: number) =>
    invoke<import('./bindings/Eligibility').Eligibility>('cluster_eligibility', { cluster_id }),
  eligibilityThresholds: () => invoke<import('./bindings/NationalThresholds').NationalThresholds>('eligibility_thresholds'),
  setEligibilityThresholds: (thresholds: import('./bindings/NationalThresholds').NationalThresholds) =>
    invoke<void>('set_eligibility_thresholds', { thresholds }),
  clusterAudits: (cluster_id: number) =>
    invoke<import('./bindings/ClusterAudits').ClusterAudits>('cluster_audits', { cluster_id }),
  saveAudit: (cluster_id: number, id: number | null, input: import('./bindings/AuditInput').AuditInput) =>
    invoke<number>('save_audit', { cluster_id, id, input }),
  deleteAudit: (id: number) => invoke<void>('delete_audit', { id }),
  setActionStatus: (id: number, status: import('./bindings/ActionStatus').ActionStatus) =>
    invoke<void>('set_action_status', { id, status }),
  updateLabel: (id: number, input: LabelInput) => invoke<void>('update_label', { id, input }),
  deleteLabel: (id: number) => invoke<void>('delete_label', { id }),
  // Audit log and staff profiles (src-tauri/src/commands/audit.rs). The profile chosen here is the
  // name Rust records every later change under.
  staffProfiles: () => invoke<import('./bindings/StaffProfiles').StaffProfiles>('staff_profiles'),
  chooseStaff: (name: string) => invoke<import('./bindings/StaffProfiles').StaffProfiles>('choose_staff', { name }),
  forgetStaff: (name: string) => invoke<import('./bindings/StaffProfiles').StaffProfiles>('forget_staff', { name }),
  auditEntries: (query: import('./bindings/AuditQuery').AuditQuery) =>
    invoke<import('./bindings/AuditPage').AuditPage>('audit_entries', { query }),
  auditHistory: (entity: string, id: number) =>
    invoke<import('./bindings/AuditEntry').AuditEntry[]>('audit_history', { entity, id }),
  /** Everything held on a contact, through the save dialog; the path written, or null if cancelled. */
  exportContactData: (contact_id: number, format: import('./bindings/ExportFormat').ExportFormat) =>
    invoke<string | null>('export_contact_data', { contact_id, format }),
  eraseContact: (contact_id: number) =>
    invoke<import('./bindings/ErasureReport').ErasureReport>('erase_contact', { contact_id }),

  // Import (src-tauri/src/commands/import.rs): Rust opens the file in the native dialog and keeps
  // it; the window previews and imports it by options only. importChooseFile resolves to null
  // when the dialog is cancelled. Each reports its rows done to `onProgress` (a channel of the
  // call), and importCancel stops the one under way (nothing is written).
  importChooseFile: (options: import('./bindings/ImportOptions').ImportOptions, onProgress: ProgressListener = () => {}) =>
    invoke<import('./bindings/ImportReport').ImportReport | null>('import_choose_file', { options, on_progress: progressChannel(onProgress) }),
  importPreview: (options: import('./bindings/ImportOptions').ImportOptions, onProgress: ProgressListener = () => {}) =>
    invoke<import('./bindings/ImportReport').ImportReport>('import_preview', { options, on_progress: progressChannel(onProgress) }),
  importRun: (options: import('./bindings/ImportOptions').ImportOptions, onProgress: ProgressListener = () => {}) =>
    invoke<import('./bindings/ImportReport').ImportReport>('import_run', { options, on_progress: progressChannel(onProgress) }),
  importCancel: () => invoke<void>('import_cancel'),
  // Events (src-tauri/src/commands/events.rs): events, their participants (the shared
  // registrations: cancelRegistration above works for them too), brokerage meetings, partners'
  // people and agreements. The staff member's name is added by Rust. An export resolves to the
  // path written, or null when the user closed the save dialog.
  listEvents: (filter: import('./bindings/EventFilter').EventFilter) =>
    invoke<import('./bindings/EventRow').EventRow[]>('list_events', { filter }),
  eventDetail: (id: number) => invoke<import('./bindings/EventDetail').EventDetail>('event_detail', { id }),
  saveEvent: (id: number | null, input: import('./bindings/EventInput').EventInput) =>
    invoke<number>('save_event', { id, input }),
  deleteEvent: (id: number) => invoke<void>('delete_event', { id }),
  setEventEvaluation: (id: number, evaluation: string) => invoke<void>('set_event_evaluation', { id, evaluation }),
  searchOrganisations: (text: string) =>
    invoke<import('./bindings/OrganisationChoice').OrganisationChoice[]>('search_organisations', { text }),
  registerForEvent: (event_id: number, person: PersonChoice, override_reason: string | null) =>
    invoke<Registration>('register_for_event', { event_id, person, override_reason }),
  registerNewForEvent: (event_id: number, input: ParticipantInput, override_reason: string | null) =>
    invoke<Registration>('register_new_for_event', { event_id, input, override_reason }),
  setRegistrationState: (registration_id: number, to: import('./bindings/RegistrationState').RegistrationState) =>
    invoke<Registration>('set_registration_state', { registration_id, to }),
  saveMeeting: (event_id: number, id: number | null, input: import('./bindings/MeetingInput').MeetingInput) =>
    invoke<number>('save_meeting', { event_id, id, input }),
  deleteMeeting: (id: number) => invoke<void>('delete_meeting', { id }),
  clusterEvents: (cluster_id: number) =>
    invoke<import('./bindings/ClusterEvent').ClusterEvent[]>('cluster_events', { cluster_id }),
  partnerPage: (id: number) => invoke<import('./bindings/PartnerPage').PartnerPage>('partner_page', { id }),
  savePartnerContact: (partner_id: number, id: number | null, input: import('./bindings/PartnerContactInput').PartnerContactInput) =>
    invoke<number>('save_partner_contact', { partner_id, id, input }),
  deletePartnerContact: (id: number) => invoke<void>('delete_partner_contact', { id }),
  saveAgreement: (id: number | null, input: import('./bindings/AgreementInput').AgreementInput) =>
    invoke<number>('save_agreement', { id, input }),
  deleteAgreement: (id: number) => invoke<void>('delete_agreement', { id }),
  exportEventDocument: (event_id: number, document: 'report' | 'participants' | 'schedule' | 'badges') =>
    invoke<string | null>('export_event_document', { event_id, document }),
  exportEventParticipants: (event_id: number, format: 'csv' | 'xlsx') =>
    invoke<string | null>('export_event_participants', { event_id, format }),
  anafProposeCluster: (input: ClusterInput) =>
    invoke<import('./bindings/Proposal').Proposal>('anaf_propose_cluster', { input }),
  anafAcceptCluster: (input: ClusterInput, accepted: string[]) =>
    invoke<ClusterInput>('anaf_accept_cluster', { input, accepted }),
  anafProposeOrganisation: (input: OrganisationInput) =>
    invoke<import('./bindings/Proposal').Proposal>('anaf_propose_organisation', { input }),
  anafAcceptOrganisation: (input: OrganisationInput, accepted: string[]) =>
    invoke<OrganisationInput>('anaf_accept_organisation', { input, accepted }),
  anafAnswer: (cui: string) => invoke<import('./bindings/StoredAnswer').StoredAnswer | null>('anaf_answer', { cui }),
  anafSettings: () => invoke<import('./bindings/AnafSettings').AnafSettings>('anaf_settings'),
  setAnafSettings: (enabled: boolean, url: string) => invoke<void>('set_anaf_settings', { enabled, url }),
  anafCheckStart: (since_days: number | null = null) =>
    invoke<import('./bindings/CheckStatus').CheckStatus>('anaf_check_start', { since_days }),
  anafCheckStatus: () => invoke<import('./bindings/CheckStatus').CheckStatus>('anaf_check_status'),
};

// ---- Assessments (src-tauri/src/commands/assessments.rs) --------------------------------------
// Scores are computed by Rust; a final assessment is read-only and corrected by a new revision.
// exportAssessmentPdf resolves to the path written, or null when the user closed the save dialog.
export const assessmentsApi = {
  list: (query: import('./bindings/AssessmentQuery').AssessmentQuery | null = null) =>
    invoke<import('./bindings/AssessmentRow').AssessmentRow[]>('list_assessments', { query }),
  get: (id: number) => invoke<import('./bindings/AssessmentDetail').AssessmentDetail>('get_assessment', { id }),
  create: (input: import('./bindings/AssessmentInput').AssessmentInput) => invoke<number>('create_assessment', { input }),
  update: (id: number, input: import('./bindings/AssessmentInput').AssessmentInput) =>
    invoke<void>('update_assessment', { id, input }),
  saveValues: (id: number, values: import('./bindings/IndicatorValue').IndicatorValue[]) =>
    invoke<import('./bindings/AssessmentResult').AssessmentResult>('save_assessment_values', { id, values }),
  finalise: (id: number) => invoke<import('./bindings/AssessmentResult').AssessmentResult>('finalise_assessment', { id }),
  revise: (id: number, reason: string) => invoke<number>('revise_assessment', { id, reason }),
  deleteDraft: (id: number) => invoke<void>('delete_assessment', { id }),
  compare: (cluster_id: number) => invoke<import('./bindings/Comparison').Comparison>('compare_assessments', { cluster_id }),
  framework: () => invoke<import('./bindings/Framework').Framework>('assessment_framework'),
  frameworkVersions: () => invoke<import('./bindings/FrameworkVersion').FrameworkVersion[]>('framework_versions'),
  editIndicator: (edit: import('./bindings/IndicatorEdit').IndicatorEdit) =>
    invoke<import('./bindings/Framework').Framework>('edit_framework_indicator', { edit }),
  exportPdf: (id: number) => invoke<string | null>('export_assessment_pdf', { id }),
};

/** Member information: funding calls, their matching, regulations (src-tauri/src/commands/funding.rs). */
export const fundingApi = {
  listCalls: (filter: import('./bindings/FundingCallFilter').FundingCallFilter) =>
    invoke<import('./bindings/FundingCallRow').FundingCallRow[]>('list_calls', { filter }),
  closingCalls: () => invoke<import('./bindings/FundingCallRow').FundingCallRow[]>('closing_calls'),
  programmes: () => invoke<string[]>('call_programmes'),
  getCall: (id: number) => invoke<import('./bindings/FundingCall').FundingCall>('get_call', { id }),
  saveCall: (id: number | null, input: import('./bindings/FundingCallInput').FundingCallInput) =>
    invoke<number>('save_call', { id, input }),
  deleteCall: (id: number) => invoke<void>('delete_call', { id }),
  matchCall: (id: number) => invoke<import('./bindings/CallMatches').CallMatches>('match_call', { id }),
  clusterCalls: (cluster_id: number) =>
    invoke<import('./bindings/ClusterCall').ClusterCall[]>('cluster_calls', { cluster_id }),
  listRegulations: (filter: import('./bindings/RegulationFilter').RegulationFilter) =>
    invoke<import('./bindings/Regulation').Regulation[]>('list_regulations', { filter }),
  getRegulation: (id: number) => invoke<import('./bindings/Regulation').Regulation>('get_regulation', { id }),
  saveRegulation: (id: number | null, input: import('./bindings/RegulationInput').RegulationInput) =>
    invoke<number>('save_regulation', { id, input }),
  deleteRegulation: (id: number) => invoke<void>('delete_regulation', { id }),
};

/** Bulletins: compose, audience, preview, queue and send, SMTP settings (src-tauri/src/commands/bulletins.rs). */
export const bulletinsApi = {
  list: () => invoke<import('./bindings/BulletinRow').BulletinRow[]>('list_bulletins'),
  get: (id: number) => invoke<import('./bindings/Bulletin').Bulletin>('get_bulletin', { id }),
  save: (id: number | null, input: import('./bindings/BulletinInput').BulletinInput) =>
    invoke<number>('save_bulletin', { id, input }),
  delete: (id: number) => invoke<void>('delete_bulletin', { id }),
  audienceCount: (audience: import('./bindings/Audience').Audience) => invoke<number>('audience_count', { audience }),
  recipients: (audience: import('./bindings/Audience').Audience) =>
    invoke<import('./bindings/Recipient').Recipient[]>('audience_recipients', { audience }),
  preview: (id: number, lang: Lang, contact_id: number | null) =>
    invoke<import('./bindings/Preview').Preview>('preview_bulletin', { id, lang, contact_id }),
  queue: (id: number) => invoke<number>('queue_bulletin', { id }),
  send: (id: number, onProgress: (counts: import('./bindings/MessageCounts').MessageCounts) => void) => {
    const channel = new Channel<import('./bindings/MessageCounts').MessageCounts>();
    channel.onmessage = onProgress;
    return invoke<import('./bindings/SendReport').SendReport>('send_bulletin', { id, on_progress: channel });
  },
  messages: (id: number) => invoke<import('./bindings/OutboxMessage').OutboxMessage[]>('bulletin_messages', { id }),
  contactMessages: (contact_id: number) =>
    invoke<import('./bindings/OutboxMessage').OutboxMessage[]>('contact_messages', { contact_id }),
  smtpSettings: () => invoke<import('./bindings/SmtpSettingsView').SmtpSettingsView>('smtp_settings'),
  saveSmtpSettings: (settings: import('./bindings/SmtpSettings').SmtpSettings, password: string) =>
    invoke<import('./bindings/PasswordStore').PasswordStore>('save_smtp_settings', { settings, password }),
};

/** Services to members: requests, projects, consultations, introductions and suggestions, and a
 *  cluster's timeline (src-tauri/src/commands/services.rs). */
export const servicesApi = {
  listRequests: (filter: import('./bindings/RequestFilter').RequestFilter) =>
    invoke<import('./bindings/RequestRow').RequestRow[]>('list_requests', { filter }),
  requestDetail: (id: number) => invoke<import('./bindings/RequestDetail').RequestDetail>('request_detail', { id }),
  saveRequest: (id: number | null, input: import('./bindings/RequestInput').RequestInput) =>
    invoke<number>('save_request', { id, input }),
  setRequestStatus: (id: number, status: import('./bindings/RequestStatus').RequestStatus, outcome: string) =>
    invoke<void>('set_request_status', { id, status, outcome }),
  deleteRequest: (id: number) => invoke<void>('delete_request', { id }),
  saveActivity: (request_id: number, id: number | null, input: import('./bindings/ActivityInput').ActivityInput) =>
    invoke<number>('save_activity', { request_id, id, input }),
  deleteActivity: (id: number) => invoke<void>('delete_activity', { id }),
  saveFollowUp: (request_id: number, id: number | null, input: import('./bindings/FollowUpInput').FollowUpInput) =>
    invoke<number>('save_follow_up', { request_id, id, input }),
  setFollowUpDone: (id: number, done: boolean) => invoke<void>('set_follow_up_done', { id, done }),
  myWork: () => invoke<import('./bindings/MyWork').MyWork>('my_work'),
  clusterTimeline: (query: import('./bindings/TimelineQuery').TimelineQuery) =>
    invoke<import('./bindings/TimelinePage').TimelinePage>('cluster_timeline', { query }),
  listProjects: (filter: import('./bindings/ProjectFilter').ProjectFilter) =>
    invoke<import('./bindings/ProjectRow').ProjectRow[]>('list_projects', { filter }),
  getProject: (id: number) => invoke<import('./bindings/Project').Project>('get_project', { id }),
  saveProject: (id: number | null, input: import('./bindings/ProjectInput').ProjectInput) =>
    invoke<number>('save_project', { id, input }),
  deleteProject: (id: number) => invoke<void>('delete_project', { id }),
  listConsultations: (filter: import('./bindings/ConsultationFilter').ConsultationFilter) =>
    invoke<import('./bindings/ConsultationRow').ConsultationRow[]>('list_consultations', { filter }),
  getConsultation: (id: number) => invoke<import('./bindings/Consultation').Consultation>('get_consultation', { id }),
  saveConsultation: (id: number | null, input: import('./bindings/ConsultationInput').ConsultationInput) =>
    invoke<number>('save_consultation', { id, input }),
  deleteConsultation: (id: number) => invoke<void>('delete_consultation', { id }),
  listIntroductions: (filter: import('./bindings/IntroductionFilter').IntroductionFilter) =>
    invoke<import('./bindings/Introduction').Introduction[]>('list_introductions', { filter }),
  saveIntroduction: (id: number | null, input: import('./bindings/IntroductionInput').IntroductionInput) =>
    invoke<number>('save_introduction', { id, input }),
  deleteIntroduction: (id: number) => invoke<void>('delete_introduction', { id }),
  suggestPartners: (cluster_id: number, organisation_id: number | null = null) =>
    invoke<import('./bindings/Suggestions').Suggestions>('suggest_partners', { cluster_id, organisation_id }),
};
