//! `make bench`: queueing a bulletin to 1,000 recipients (the editions rendered, one outbox row per
//! recipient with its audit entry, one transaction), ten times on fresh drafts. Target: under 1 s.
//! Figures, not assertions.
//!
//! `cargo bench -p clusterdesk-core --bench bulletins`

#[allow(dead_code)] // the percentile helpers: each queueing needs a fresh draft, made outside the timing
mod common;

use std::time::Instant;

use clusterdesk_core::Store;
use clusterdesk_core::bulletins::{self, BulletinInput};
use clusterdesk_core::clusters::{self, ClusterInput, ContactInput, Sector};

fn main() {
    if !common::wanted("bulletins") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("bench.sqlite")).await.expect("open");
    let cluster = ClusterInput {
        name: "Clusterul Mobilei Transilvania".into(),
        cui: "18547290".into(),
        county: "BV".into(),
        sectors: vec![Sector::WoodFurniture],
        ..Default::default()
    };
    let cluster = clusters::create(&store, &cluster).await.expect("a cluster");
    for i in 0..1_000 {
        let contact = ContactInput {
            name: format!("Ștefan Țăranu {i:04}"),
            email: format!("persoana{i:04}@membru.ro"),
            consent: true,
            consent_date: Some("2026-01-10".into()),
            consent_source: "formular".into(),
            ..Default::default()
        };
        clusters::save_contact(&store, cluster, None, &contact).await.expect("a contact");
    }
    let input = BulletinInput { title: "Buletin".into(), subject_ro: "Buletinul lunii".into(), ..Default::default() };
    let mut times = Vec::new();
    for _ in 0..10 {
        let id = bulletins::save_bulletin(&store, None, &input).await.expect("a draft");
        let started = Instant::now();
        let queued = bulletins::queue_bulletin(&store, id).await.expect("queued");
        times.push(started.elapsed());
        assert_eq!(queued, 1_000);
    }
    times.sort();
    let row = ("queue a bulletin to 1,000 recipients (target < 1 s)".to_string(), times[4], times[9], times[9]);
    common::print("Bulletins (10 runs)", &[row]);
}
