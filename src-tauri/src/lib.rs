//! The ClusterDesk window: a thin Tauri shell over `clusterdesk-core`.
//!
//! Architecture invariant: no domain logic lives here. A command converts its arguments, calls one
//! core function and maps the core's error to its serialisable form; everything else is in the core.

mod commands;
mod export;
mod state;

use state::AppState;

pub fn run() {
    let db_path = state::db_path_from(std::env::args().skip(1), std::env::var_os("CLUSTERDESK_DB"));
    tauri::Builder::default()
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
            commands::import::import_choose_file,
            commands::import::import_preview,
            commands::import::import_run,
            commands::audit::staff_profiles,
            commands::audit::choose_staff,
            commands::audit::forget_staff,
            commands::audit::audit_entries,
            commands::audit::audit_history,
            commands::audit::export_contact_data,
            commands::audit::erase_contact,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("ClusterDesk could not start: {e}");
            std::process::exit(1);
        });
}
