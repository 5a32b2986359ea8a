// Which component shows each path of the route table (lib/routes.json). routes.test.ts checks that
// the two name the same paths.
import type { Component } from 'svelte';
import AuditLog from './routes/AuditLog.svelte';
import ClusterDetail from './routes/ClusterDetail.svelte';
import ClusterForm from './routes/ClusterForm.svelte';
import ClusterList from './routes/ClusterList.svelte';
import Dashboard from './routes/Dashboard.svelte';
import ImportPage from './routes/ImportPage.svelte';
import Reports from './routes/Reports.svelte';
import Settings from './routes/Settings.svelte';
import AssessmentCompare from './routes/assessments/AssessmentCompare.svelte';
import AssessmentList from './routes/assessments/AssessmentList.svelte';
import AssessmentPage from './routes/assessments/AssessmentPage.svelte';
import FrameworkEditor from './routes/assessments/FrameworkEditor.svelte';
import EventForm from './routes/events/EventForm.svelte';
import EventList from './routes/events/EventList.svelte';
import EventPage from './routes/events/EventPage.svelte';
import PartnerDirectory from './routes/events/PartnerDirectory.svelte';
import PartnerPage from './routes/events/PartnerPage.svelte';
import CourseList from './routes/trainings/CourseList.svelte';
import PartnerList from './routes/trainings/PartnerList.svelte';
import PersonHistory from './routes/trainings/PersonHistory.svelte';
import SessionForm from './routes/trainings/SessionForm.svelte';
import SessionPage from './routes/trainings/SessionPage.svelte';
import TrainingCalendar from './routes/trainings/TrainingCalendar.svelte';
import ConsultationList from './routes/representation/ConsultationList.svelte';
import ConsultationPage from './routes/representation/ConsultationPage.svelte';
import CallList from './routes/information/CallList.svelte';
import CallPage from './routes/information/CallPage.svelte';
import BulletinList from './routes/information/BulletinList.svelte';
import BulletinPage from './routes/information/BulletinPage.svelte';
import RegulationList from './routes/information/RegulationList.svelte';
import RegulationPage from './routes/information/RegulationPage.svelte';
import IntroductionList from './routes/network/IntroductionList.svelte';
import ProjectList from './routes/projects/ProjectList.svelte';
import ProjectPage from './routes/projects/ProjectPage.svelte';
import RequestPage from './routes/services/RequestPage.svelte';
import ServiceList from './routes/services/ServiceList.svelte';

// A page takes the route's parameters (or none).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Page = Component<any>;

export const pages: Record<string, Page> = {
  '/': Dashboard,
  '/clusters': ClusterList,
  '/clusters/new': ClusterForm,
  '/clusters/import': ImportPage,
  '/clusters/:id/edit': ClusterForm,
  '/clusters/:id': ClusterDetail,
  '/assessments': AssessmentList,
  '/assessments/framework': FrameworkEditor,
  '/assessments/compare/:id': AssessmentCompare,
  '/assessments/:id': AssessmentPage,
  '/trainings': TrainingCalendar,
  '/trainings/sessions/new': SessionForm,
  '/trainings/sessions/:id/edit': SessionForm,
  '/trainings/sessions/:id': SessionPage,
  '/trainings/courses': CourseList,
  '/trainings/partners': PartnerList,
  '/trainings/people/:id': PersonHistory,
  '/events': EventList,
  '/events/new': EventForm,
  '/events/partners': PartnerDirectory,
  '/events/partners/:id': PartnerPage,
  '/events/:id/edit': EventForm,
  '/events/:id': EventPage,
  '/services': ServiceList,
  '/services/projects': ProjectList,
  '/services/projects/new': ProjectPage,
  '/services/projects/:id': ProjectPage,
  '/services/consultations': ConsultationList,
  '/services/consultations/new': ConsultationPage,
  '/services/consultations/:id': ConsultationPage,
  '/services/introductions': IntroductionList,
  '/services/:id': RequestPage,
  '/calls': CallList,
  '/calls/new': CallPage,
  '/calls/:id': CallPage,
  '/bulletins': BulletinList,
  '/bulletins/new': BulletinPage,
  '/bulletins/:id': BulletinPage,
  '/regulations': RegulationList,
  '/regulations/new': RegulationPage,
  '/regulations/:id': RegulationPage,
  '/reports': Reports,
  '/settings': Settings,
  '/audit': AuditLog,
};
