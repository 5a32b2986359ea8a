//! The ClusterDesk window: a thin Tauri shell over `clusterdesk-core`.
//!
//! Architecture invariant: no domain logic lives here. A command converts its arguments, calls one
//! core function and maps the core's error to its serialisable form; everything else is in the core.

mod commands;
mod desktop;
mod export;
mod state;

use state::AppState;

pub fn run() {
    desktop::webkit_guard();
    // `--now MOMENT` (like CLUSTERDESK_NOW) starts the app's clock at a chosen moment: a test aid.
    if let Some(now) = state::arg_value(std::env::args().skip(1), "--now")
        && let Err(e) = clusterdesk_core::clock::Clock::start_process_at(&now)
    {
        let e = e.to_user();
        let params: Vec<(&str, &str)> = e.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        eprintln!("{}", clusterdesk_core::i18n::t(clusterdesk_core::i18n::Lang::En, &e.code, &params));
        std::process::exit(2);
    }
    let db_path = state::db_path_from(std::env::args().skip(1), std::env::var_os("CLUSTERDESK_DB"));
    tauri::Builder::default()
        // First, so that a second start on the same file hands over before anything else runs.
        .plugin(desktop::single_instance(&db_path))
        .plugin(desktop::window_state())
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(db_path))
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::setup_database,
            commands::app::set_language,
            commands::backup::list_backups,
            commands::backup::create_backup,
            commands::backup::save_backup_copy,
            commands::backup::restore_backup,
            commands::backup::restore_backup_from_file,
            commands::backup::backup_keep,
            commands::backup::set_backup_keep,
            commands::reference::reference_data,
            commands::reference::caen_search,
            commands::reference::caen_attribution,
            commands::clusters::list_clusters,
            commands::clusters::get_cluster,
            commands::clusters::create_cluster,
            commands::clusters::update_cluster,
            commands::clusters::archive_cluster,
            commands::clusters::restore_cluster,
            commands::clusters::delete_cluster,
            commands::clusters::replace_cluster_caen,
            commands::clusters::save_contact,
            commands::clusters::delete_contact,
            commands::clusters::save_organisation,
            commands::clusters::delete_organisation,
            commands::clusters::set_fee,
            commands::clusters::add_payment,
            commands::clusters::delete_payment,
            commands::clusters::add_label,
            commands::clusters::update_label,
            commands::clusters::delete_label,
            commands::eligibility::cluster_eligibility,
            commands::eligibility::eligibility_thresholds,
            commands::eligibility::set_eligibility_thresholds,
            commands::sme_audits::cluster_audits,
            commands::sme_audits::save_audit,
            commands::sme_audits::delete_audit,
            commands::sme_audits::set_action_status,
            commands::summary::dashboard,
            commands::summary::annual_summary,
            commands::summary::export_annual,
            commands::summary::export_clusters,
            commands::trainings::list_partners,
            commands::trainings::save_partner,
            commands::trainings::list_courses,
            commands::trainings::save_course,
            commands::trainings::sessions_in,
            commands::trainings::course_sessions,
            commands::trainings::session_detail,
            commands::trainings::save_session,
            commands::trainings::cancel_session,
            commands::trainings::search_people,
            commands::trainings::enrol_person,
            commands::trainings::enrol_external,
            commands::trainings::cancel_registration,
            commands::trainings::record_attendance,
            commands::trainings::complete_session,
            commands::trainings::participant_history,
            commands::trainings::cluster_trainings,
            commands::trainings::export_attendance_sheets,
            commands::trainings::export_certificates,
            commands::trainings::export_participants,
            commands::assessments::list_assessments,
            commands::assessments::get_assessment,
            commands::assessments::create_assessment,
            commands::assessments::update_assessment,
            commands::assessments::save_assessment_values,
            commands::assessments::finalise_assessment,
            commands::assessments::revise_assessment,
            commands::assessments::delete_assessment,
            commands::assessments::compare_assessments,
            commands::assessments::assessment_framework,
            commands::assessments::framework_versions,
            commands::assessments::edit_framework_indicator,
            commands::assessments::export_assessment_pdf,
            commands::import::import_choose_file,
            commands::import::import_preview,
            commands::import::import_run,
            commands::import::import_cancel,
            commands::audit::staff_profiles,
            commands::audit::choose_staff,
            commands::audit::forget_staff,
            commands::audit::audit_entries,
            commands::audit::audit_history,
            commands::events::list_events,
            commands::events::event_detail,
            commands::events::save_event,
            commands::events::delete_event,
            commands::events::set_event_evaluation,
            commands::events::search_organisations,
            commands::events::register_for_event,
            commands::events::register_new_for_event,
            commands::events::set_registration_state,
            commands::events::save_meeting,
            commands::events::delete_meeting,
            commands::events::cluster_events,
            commands::events::partner_page,
            commands::events::save_partner_contact,
            commands::events::delete_partner_contact,
            commands::events::save_agreement,
            commands::events::delete_agreement,
            commands::events::export_event_document,
            commands::events::export_event_participants,
            commands::audit::export_contact_data,
            commands::audit::erase_contact,
            commands::bulletins::list_bulletins,
            commands::bulletins::get_bulletin,
            commands::bulletins::save_bulletin,
            commands::bulletins::delete_bulletin,
            commands::bulletins::audience_count,
            commands::bulletins::audience_recipients,
            commands::bulletins::preview_bulletin,
            commands::bulletins::queue_bulletin,
            commands::bulletins::send_bulletin,
            commands::bulletins::bulletin_messages,
            commands::bulletins::contact_messages,
            commands::bulletins::smtp_settings,
            commands::bulletins::save_smtp_settings,
            commands::funding::list_calls,
            commands::funding::closing_calls,
            commands::funding::call_programmes,
            commands::funding::get_call,
            commands::funding::save_call,
            commands::funding::delete_call,
            commands::funding::match_call,
            commands::funding::cluster_calls,
            commands::funding::list_regulations,
            commands::funding::get_regulation,
            commands::funding::save_regulation,
            commands::funding::delete_regulation,
            commands::services::list_requests,
            commands::services::request_detail,
            commands::services::save_request,
            commands::services::set_request_status,
            commands::services::delete_request,
            commands::services::save_activity,
            commands::services::delete_activity,
            commands::services::save_follow_up,
            commands::services::set_follow_up_done,
            commands::services::my_work,
            commands::services::cluster_timeline,
            commands::services::list_projects,
            commands::services::get_project,
            commands::services::save_project,
            commands::services::delete_project,
            commands::services::list_consultations,
            commands::services::get_consultation,
            commands::services::save_consultation,
            commands::services::delete_consultation,
            commands::services::list_introductions,
            commands::services::save_introduction,
            commands::services::delete_introduction,
            commands::services::suggest_partners,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("ClusterDesk could not start: {e}");
            std::process::exit(1);
        });
}
