//! CUIs in the registry's form: what the forms store and compare, and the migration that brings
//! older databases to that form and reports the duplicates it reveals without merging them.

use clusterdesk_core::clusters::{self, ClusterInput, ClusterQuery, OrgKind, OrganisationInput, Sector};
use clusterdesk_core::{Error, Store};

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    (dir, store)
}

fn input(name: &str, cui: &str) -> ClusterInput {
    ClusterInput {
        name: name.into(),
        cui: cui.into(),
        county: "BV".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    }
}

fn org(name: &str, cui: &str) -> OrganisationInput {
    OrganisationInput { name: name.into(), kind: Some(OrgKind::Small), cui: cui.into(), ..Default::default() }
}

fn field_codes(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn forms_store_the_registry_form_and_compare_in_it() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &input("Primul", "RO 0018 5472 90")).await.unwrap();
    assert_eq!(clusters::get(&store, id).await.unwrap().record.cui, "18547290");
    // Ten digits and more, when the extra ones are leading zeros, are the same short code.
    let refused = clusters::create(&store, &input("Al doilea", "000018547290")).await.unwrap_err();
    assert_eq!(field_codes(refused), vec![("cui".to_string(), "cui_duplicate".to_string())]);
    let refused = clusters::create(&store, &input("Al treilea", "RO 18547291")).await.unwrap_err();
    assert_eq!(field_codes(refused), vec![("cui".to_string(), "cui_check_digit".to_string())]);

    let o = clusters::save_organisation(&store, id, None, &org("Firma", "ro 0014837428")).await.unwrap();
    let detail = clusters::get(&store, id).await.unwrap();
    assert_eq!(detail.organisations.iter().find(|x| x.id == o).unwrap().input.cui, "14837428");

    // The list finds a CUI however it is typed.
    for search in ["RO 0018547290", "ro18547290", "0018547290", "RO14837428"] {
        let page = clusters::list(&store, &ClusterQuery { search: search.into(), ..Default::default() }).await.unwrap();
        assert_eq!(page.total, 1, "{search}");
    }
}

/// Writes rows as an earlier version could have left them (codes with leading zeros), then runs
/// the migration again on reopening.
async fn database_before_the_migration() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let store = Store::open(&path).await.unwrap();
    let pool = store.pool();
    let version: i64 =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE description = 'cui registry form'")
            .fetch_one(pool)
            .await
            .unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = ?").bind(version).execute(pool).await.unwrap();
    sqlx::query("DROP TABLE cui_duplicates").execute(pool).await.unwrap();
    let now = "2026-12-01T10:00:00Z";
    for (id, name, cui, archived) in [
        (1, "Clusterul cu zerouri", "0018547290", None),
        (2, "Clusterul fără zerouri", "18547290", None),
        (3, "Clusterul lung", "00014837428", None),
        (4, "Clusterul arhivat", "001590082", Some(now)),
        (5, "Clusterul curent", "1590082", None),
        (6, "Clusterul A", "0013548146", None),
        (7, "Clusterul B", "00013548146", None),
    ] {
        sqlx::query(
            "INSERT INTO clusters (id, name, cui, county, archived_at, sort_name, created_at, updated_at) \
             VALUES (?, ?, ?, 'BV', ?, lower(?), ?, ?)",
        )
        .bind(id)
        .bind(name)
        .bind(cui)
        .bind(archived)
        .bind(name)
        .bind(now)
        .bind(now)
        .execute(pool)
        .await
        .unwrap();
    }
    for (id, cluster, name, cui) in [
        (1, 2, "Firma padded", "0014837428"),
        (2, 2, "Firma", "14837428"),
        (3, 5, "Firma", "14837428"),
        (4, 2, "Aceeași de două ori", "1590082"),
        (5, 2, "Aceeași de două ori", "1590082"),
        (6, 5, "Fără CUI", ""),
    ] {
        sqlx::query(
            "INSERT INTO organisations (id, cluster_id, name, kind, cui, created_at, updated_at) \
             VALUES (?, ?, ?, 'small', ?, ?, ?)",
        )
        .bind(id)
        .bind(cluster)
        .bind(name)
        .bind(cui)
        .bind(now)
        .bind(now)
        .execute(pool)
        .await
        .unwrap();
    }
    store.close().await;
    (dir, path)
}

#[tokio::test]
async fn the_migration_normalises_and_reports_duplicates_without_merging() {
    let (_dir, path) = database_before_the_migration().await;
    let store = Store::open(&path).await.unwrap();
    let cuis: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, cui FROM clusters ORDER BY id").fetch_all(store.pool()).await.unwrap();
    assert_eq!(
        cuis,
        vec![
            // Two current clusters with one number: the one already in the registry's form keeps
            // it, the other keeps its code as typed until staff decide.
            (1, "0018547290".to_string()),
            (2, "18547290".to_string()),
            (3, "14837428".to_string()),
            // An archived cluster shares its code with a current one: that is allowed, not reported.
            (4, "1590082".to_string()),
            (5, "1590082".to_string()),
            // Neither was in the registry's form: the older keeps the code.
            (6, "13548146".to_string()),
            (7, "00013548146".to_string()),
        ]
    );
    let orgs: Vec<String> =
        sqlx::query_scalar("SELECT cui FROM organisations ORDER BY id").fetch_all(store.pool()).await.unwrap();
    assert_eq!(orgs, ["14837428", "14837428", "14837428", "1590082", "1590082", ""]);

    let open = clusters::cui_duplicates::open(&store).await.unwrap();
    let summary: Vec<(i64, Option<i64>, Option<i64>, Option<i64>, &str, &str)> = open
        .iter()
        .map(|d| {
            (d.cluster_id, d.other_cluster_id, d.organisation_id, d.other_organisation_id, d.typed.as_str(), d.other_typed.as_str())
        })
        .collect();
    // Sorted by the reported cluster's name. The two organisations that already had one code
    // were duplicates before: not something the migration revealed.
    assert_eq!(
        summary,
        vec![
            (7, Some(6), None, None, "00013548146", "0013548146"),
            (1, Some(2), None, None, "0018547290", "18547290"),
            (2, None, Some(1), Some(2), "0014837428", "14837428"),
        ]
    );
    // Every cluster involved sees it on its page, either side.
    let on_page = |id: i64| {
        let store = store.clone();
        async move { clusters::get(&store, id).await.unwrap().cui_duplicates.len() }
    };
    assert_eq!(on_page(1).await, 1);
    assert_eq!(on_page(2).await, 2);
    assert_eq!(on_page(5).await, 0);

    // Saving the unresolved cluster as it is is refused: its code is the other's.
    let mut record = clusters::get(&store, 1).await.unwrap().record;
    record.sectors = vec![Sector::Textiles];
    let refused = clusters::update(&store, 1, &record).await.unwrap_err();
    assert_eq!(field_codes(refused), vec![("cui".to_string(), "cui_duplicate".to_string())]);

    // Resolving: archive one cluster, delete the extra organisation; the report goes quiet.
    clusters::archive(&store, 1).await.unwrap();
    clusters::delete_organisation(&store, 1).await.unwrap();
    let open = clusters::cui_duplicates::open(&store).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].cluster_id, 7);
    let mut record = clusters::get(&store, 7).await.unwrap().record;
    record.cui = "RO 14837428".into();
    record.sectors = vec![Sector::Textiles];
    // Corrected to another code (held by no current cluster but cluster 3: refused, then a free one).
    assert!(clusters::update(&store, 7, &record).await.is_err());
    record.cui = "1590082".into();
    assert!(clusters::update(&store, 7, &record).await.is_err(), "held by cluster 5");
    clusters::archive(&store, 5).await.unwrap();
    clusters::update(&store, 7, &record).await.unwrap();
    assert!(clusters::cui_duplicates::open(&store).await.unwrap().is_empty());
}
