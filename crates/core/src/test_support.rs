//! What the unit tests of the services' records share: a store on a fixed day with one member
//! cluster, and the field codes a refused write gives.

use std::collections::BTreeMap;

use crate::clock::Clock;
use crate::clusters::{self, ClusterInput, Sector};
use crate::store::Store;
use crate::{Error, Result};

/// A store on 15.06.2026 in Bucharest with one member cluster (the store's folder, the store, the
/// cluster's id).
pub(crate) async fn store_with_cluster() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::frozen_local("2026-06-15 10:00").unwrap();
    let store = Store::open_with_clock(&dir.path().join("a.sqlite"), clock).await.unwrap();
    let cluster = ClusterInput {
        name: "Clusterul Mobilei Transilvania".into(),
        cui: "18547290".into(),
        county: "BV".into(),
        sectors: vec![Sector::WoodFurniture],
        ..Default::default()
    };
    let cluster = clusters::create(&store, &cluster).await.unwrap();
    (dir, store, cluster)
}

/// The refused fields and their codes.
pub(crate) fn refused<T: std::fmt::Debug>(result: Result<T>) -> BTreeMap<String, String> {
    match result {
        Err(Error::Invalid(fields)) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}
