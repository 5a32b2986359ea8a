//! The ClusterDesk window: a thin Tauri shell over `clusterdesk-core`.
//!
//! Architecture invariant: no domain logic lives here. A command converts its arguments, calls one
//! core function and maps the core's error to its serialisable form; everything else is in the core.

mod commands;
mod state;

use state::AppState;

pub fn run() {
    let db_path = state::db_path_from(std::env::args().skip(1), std::env::var_os("CLUSTERDESK_DB"));
    tauri::Builder::default()
        .manage(AppState::new(db_path))
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::setup_database,
            commands::app::set_language,
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
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("ClusterDesk could not start: {e}");
            std::process::exit(1);
        });
}
