//! `make bench`: a cluster's timeline at 5,000 clusters and 100,000 organisations, with the demo's
//! services, trainings, events, fees and the audit log of it all. Prints p50/p95 of opening the
//! timeline (the first page, every kind) of the cluster with the most items, of a typical one, and
//! of a filter by kinds. Target: under 50 ms. Figures, not assertions.
//!
//! `cargo bench -p clusterdesk-core --bench timeline`

mod common;

use common::measure;

use clusterdesk_core::Store;
use clusterdesk_core::timeline::{TimelineKind, TimelineQuery, timeline};

fn main() {
    if !common::wanted("timeline") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let (_dir, store) = common::large_demo().await;
    let counts: Vec<(String, i64)> = sqlx_counts(&store).await;
    for (table, n) in &counts {
        println!("  {table}: {n}");
    }

    // The cluster with the most requests (the busiest timeline), and one in the middle of the list.
    let busiest: i64 = scalar(&store, "SELECT cluster_id FROM service_requests WHERE cluster_id IS NOT NULL \
         GROUP BY cluster_id ORDER BY COUNT(*) DESC, cluster_id LIMIT 1").await;
    let typical: i64 = scalar(&store, "SELECT id FROM clusters ORDER BY id LIMIT 1 OFFSET 2500").await;

    let mut rows = Vec::new();
    for (label, cluster_id, kinds) in [
        ("timeline, busiest cluster, all kinds", busiest, Vec::new()),
        ("timeline, a typical cluster, all kinds", typical, Vec::new()),
        ("timeline, busiest cluster, requests and activities", busiest, vec![TimelineKind::Request, TimelineKind::Activity]),
        ("timeline, busiest cluster, changes only", busiest, vec![TimelineKind::Change]),
    ] {
        let query = TimelineQuery { cluster_id, kinds, ..Default::default() };
        let total = timeline(&store, &query).await.expect("timeline").total;
        rows.push(
            measure(&format!("{label} [{total} items]"), 100, || async {
                timeline(&store, &query).await.expect("timeline");
            })
            .await,
        );
    }
    common::print("operation (5,000 clusters, 100,000 organisations; target < 50 ms)", &rows);
}

async fn scalar(store: &Store, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(store.pool()).await.expect("a row")
}

async fn sqlx_counts(store: &Store) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for table in ["service_requests", "service_activities", "introductions", "projects", "consultations", "audit_log"] {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(store.pool())
            .await
            .expect("a count");
        out.push((table.to_string(), n));
    }
    out
}
