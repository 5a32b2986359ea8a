//! Imports of the lists an association really has: an old Excel export with the office's e-mail
//! and phone per cluster and no contact person, CUIs written every which way, a plain "CAEN"
//! column, refusals that name their column in both languages.

use clusterdesk_core::Store;
use clusterdesk_core::clusters::{self, ClusterDetail, ClusterQuery};
use clusterdesk_core::import::{self, ImportOptions, ImportReport, RowAction};

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    (dir, store)
}

async fn cluster(store: &Store, code: &str) -> ClusterDetail {
    let page = clusters::list(store, &ClusterQuery { search: code.into(), ..Default::default() }).await.unwrap();
    let row = page.rows.iter().find(|r| r.cui == code).unwrap_or_else(|| panic!("no cluster with CUI {code}"));
    clusters::get(store, row.id).await.unwrap()
}

fn refused(report: &ImportReport) -> Vec<(usize, String, String, String)> {
    report
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| r.problems.iter().map(move |p| (r.row, p.column.clone(), p.field.clone(), p.code.clone())))
        .collect()
}

/// The example of issue 17: refused before as a contact person without a name.
#[tokio::test]
async fn the_office_email_of_a_row_without_a_person_is_the_clusters() {
    let (_dir, store) = store().await;
    let csv = "Denumire;CUI;Județ;Domeniu;Email\nClusterul Test;RO28714301;Neamț;Textile;office@x.ro\n";
    let report = import::import(&store, "membri.csv", csv.as_bytes(), &ImportOptions::default()).await.unwrap();
    assert_eq!(refused(&report), []);
    assert!(report.written);
    let detail = cluster(&store, "28714301").await;
    assert_eq!(detail.record.email, "office@x.ro");
    assert!(detail.contacts.is_empty(), "no nameless contact person: {:?}", detail.contacts);
}

#[tokio::test]
async fn email_and_phone_go_to_the_person_the_row_names_else_to_the_organisation() {
    let (_dir, store) = store().await;
    let csv = "Denumire,CUI,Județ,Domeniu,Persoană de contact,Email,Telefon,Telefon birou,Adresă de corespondență\n\
        Cu persoană,RO 18547290,BV,Textile,Ana Pop,ana@x.ro,0722 123 456,0268 400 100,\"CP 12, Brașov\"\n\
        Fără persoană,0014837428,CJ,Textile,,office@y.ro,+40 264 111 222,,\n";
    let report = import::import(&store, "m.csv", csv.as_bytes(), &ImportOptions::default()).await.unwrap();
    assert_eq!(refused(&report), []);
    let with = cluster(&store, "18547290").await;
    assert_eq!((with.record.email.as_str(), with.record.phone.as_str()), ("", "0268 400 100"));
    assert_eq!(with.record.postal_address, "CP 12, Brașov");
    assert_eq!(with.contacts.len(), 1);
    assert_eq!((with.contacts[0].input.email.as_str(), with.contacts[0].input.phone.as_str()), ("ana@x.ro", "0722 123 456"));
    let without = cluster(&store, "14837428").await;
    assert_eq!((without.record.email.as_str(), without.record.phone.as_str()), ("office@y.ro", "0264 111 222"));
    assert!(without.contacts.is_empty());
}

#[tokio::test]
async fn organisations_keep_their_own_email_and_phone() {
    let (_dir, store) = store().await;
    let clusters_csv = "Denumire,CUI,Județ,Domeniu\nGazda,18547290,BV,Textile\n";
    import::import(&store, "c.csv", clusters_csv.as_bytes(), &ImportOptions::default()).await.unwrap();
    let orgs = "CUI cluster,Denumire,Tip,CUI,Email,Telefon\n18547290,Firma SRL,mică,RO 0014837428,firma@z.ro,0040 268 555 666\n";
    let report = import::import(&store, "o.csv", orgs.as_bytes(), &ImportOptions::default()).await.unwrap();
    assert_eq!(refused(&report), []);
    let detail = cluster(&store, "18547290").await;
    let org = &detail.organisations[0];
    assert_eq!((org.input.cui.as_str(), org.input.email.as_str(), org.input.phone.as_str()), ("14837428", "firma@z.ro", "0268 555 666"));
}

#[tokio::test]
async fn cuis_with_leading_zeros_ro_and_spaces_are_one_code() {
    let (_dir, store) = store().await;
    let csv = "Denumire,CUI,Județ,Domeniu\nA,0018547290,BV,Textile\nB,RO 1854 7290,BV,Textile\nC,ro 00 14837428,CJ,Textile\n";
    let report = import::preview(&store, "m.csv", csv.as_bytes(), &ImportOptions::default()).await.unwrap();
    let rows = &report.tables[0].rows;
    assert_eq!(rows.iter().map(|r| r.cluster_cui.as_str()).collect::<Vec<_>>(), ["18547290", "18547290", "14837428"]);
    assert_eq!(rows.iter().map(|r| r.action).collect::<Vec<_>>(), [RowAction::Create, RowAction::Refused, RowAction::Create]);
    assert_eq!(refused(&report), [(3, "CUI".into(), "cui".into(), "error.import_duplicate_in_file".into())]);
}

/// "6210" is software development in Rev.3 only; "6201" the Rev.2 class; "4791" names different
/// activities in the two; "0111" the same in both.
#[tokio::test]
async fn a_plain_caen_column_reads_each_code_in_its_revision() {
    use clusterdesk_core::caen::CaenRevision::{Rev2, Rev3};
    use clusterdesk_core::import::CaenReason;
    let (_dir, store) = store().await;
    let csv = "Denumire;CUI;Județ;Domeniu;CAEN\nSoft;18547290;BV;Textile;6210, 6201\nAmbiguu;14837428;CJ;Textile;4791;0111\nNiciunul;1590082;CJ;Textile;9999\n";
    let csv = csv.replace("4791;0111", "4791 0111");
    let report = import::preview(&store, "m.csv", csv.as_bytes(), &ImportOptions::default()).await.unwrap();
    let read: Vec<_> = report.caen_readings.iter().map(|c| (c.row, c.code.as_str(), c.revision, c.reason)).collect();
    assert_eq!(
        read,
        [
            (2, "6210", Rev3, CaenReason::OnlyRev3),
            (2, "6201", Rev2, CaenReason::OnlyRev2),
            (3, "4791", Rev3, CaenReason::Chosen),
            (3, "0111", Rev3, CaenReason::SameInBoth),
        ]
    );
    assert_eq!(refused(&report), [(4, "CAEN".into(), "caen".into(), "error.import_caen_unknown".into())]);

    let older = ImportOptions { ambiguous_caen: Some(Rev2), skip_invalid: true, ..Default::default() };
    let report = import::import(&store, "m.csv", csv.as_bytes(), &older).await.unwrap();
    assert_eq!(report.caen_readings[2].revision, Rev2);
    let codes: Vec<_> = cluster(&store, "14837428").await.record.caen.into_iter().map(|c| (c.revision, c.code)).collect();
    assert_eq!(codes, [(Rev3, "0111".to_string()), (Rev2, "4791".to_string())]);
}

/// Every refusal names its column, or the column the file lacks, in both languages.
#[tokio::test]
async fn every_refusal_names_its_column_in_both_languages() {
    use clusterdesk_core::i18n::{Lang, t};
    let (_dir, store) = store().await;
    let csv = "CUI,Județ,Domeniu,Email,Telefon birou\n18547290,Atlantida,Textile,nu-i-email,0268\n";
    let report = import::preview(&store, "m.csv", csv.as_bytes(), &ImportOptions::default()).await.unwrap();
    let got: Vec<_> = refused(&report).into_iter().map(|(_, column, field, code)| (column, field, code)).collect();
    assert!(got.contains(&("Județ".into(), "county".into(), "error.import_county_unknown".into())), "{got:?}");
    assert!(got.contains(&("Email".into(), "email".into(), "error.email_format".into())), "{got:?}");
    // No "Denumire" column: the refusal names the field, and the edge says the column is missing.
    assert!(got.contains(&(String::new(), "name".into(), "error.required".into())), "{got:?}");
    for lang in [Lang::Ro, Lang::En] {
        let text = t(lang, "import.column_missing", &[("field", &t(lang, "import.field.name", &[]))]);
        assert!(!text.contains('{') && text.len() > 10, "{text}");
    }
    assert_eq!(t(Lang::Ro, "import.whole_row", &[]), "rândul");
}

#[test]
fn plural_forms_of_counted_rows() {
    use clusterdesk_core::i18n::{Lang, count_text};
    let ro = |n| count_text(Lang::Ro, "import.run_count", n, &[]);
    assert_eq!([ro(1), ro(2), ro(19), ro(20), ro(101), ro(1000)], [
        "Importă 1 rând",
        "Importă 2 rânduri",
        "Importă 19 rânduri",
        "Importă 20 de rânduri",
        "Importă 101 rânduri",
        "Importă 1.000 de rânduri",
    ]);
    let en = |n| count_text(Lang::En, "error.import_refused_rows", n, &[]);
    assert!(en(1).starts_with("Nothing was written: 1 row is refused."), "{}", en(1));
    assert!(en(2).starts_with("Nothing was written: 2 rows are refused."), "{}", en(2));
}
