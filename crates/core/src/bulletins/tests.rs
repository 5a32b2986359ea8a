//! The audience rule, queueing, previews and unsubscription.

use super::*;
use crate::clusters::{self, ClusterInput, ContactInput, LabelInput, LabelLevel, Sector};
use crate::test_support::store_with_cluster;

fn contact(name: &str, email: &str, consent: bool) -> ContactInput {
    ContactInput {
        name: name.into(),
        role: "Director executiv".into(),
        email: email.into(),
        consent,
        consent_date: consent.then(|| "2026-01-10".into()),
        consent_source: if consent { "formular".into() } else { String::new() },
        ..Default::default()
    }
}

fn emails(recipients: &[Recipient]) -> Vec<&str> {
    recipients.iter().map(|r| r.email.as_str()).collect()
}

fn input(audience: Audience) -> BulletinInput {
    BulletinInput {
        title: "Buletin iunie 2026".into(),
        subject_ro: "Buletinul CLUSTERO — iunie 2026: finanțări și știri".into(),
        subject_en: "CLUSTERO bulletin — June 2026".into(),
        intro_ro: "Vă prezentăm noutățile lunii.".into(),
        intro_en: "This month's news.".into(),
        audience,
        ..Default::default()
    }
}

#[tokio::test]
async fn the_audience_never_includes_who_did_not_consent_unsubscribed_or_was_erased() {
    let (_dir, store, cluster) = store_with_cluster().await;
    let ana =
        clusters::save_contact(&store, cluster, None, &contact("Ana Ionescu", "ana@mobila.ro", true)).await.unwrap();
    clusters::save_contact(&store, cluster, None, &contact("Ion Popa", "ion@mobila.ro", false)).await.unwrap();
    let gone =
        clusters::save_contact(&store, cluster, None, &contact("Radu Șerban", "radu@mobila.ro", true)).await.unwrap();
    let erased =
        clusters::save_contact(&store, cluster, None, &contact("Maria Stan", "maria@mobila.ro", true)).await.unwrap();
    clusters::save_contact(&store, cluster, None, &contact("Fără adresă", "", true)).await.unwrap();
    let everyone = Audience::default();
    assert_eq!(
        emails(&recipients(&store, &everyone).await.unwrap()),
        ["ana@mobila.ro", "radu@mobila.ro", "maria@mobila.ro"]
    );

    unsubscribe(&store, gone, "2026-06-14", "răspuns la e-mail").await.unwrap();
    crate::personal_data::erase(&store, erased).await.unwrap();
    assert_eq!(emails(&recipients(&store, &everyone).await.unwrap()), ["ana@mobila.ro"]);
    assert_eq!(audience_count(&store, &everyone).await.unwrap(), 1);
    let unsubscribed: (String, String) =
        sqlx::query_as("SELECT unsubscribed_on, unsubscribe_source FROM contacts WHERE id = ?")
            .bind(gone)
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(unsubscribed, ("2026-06-14".to_string(), "răspuns la e-mail".to_string()));

    // No filter widens the rule: every filter that matches the cluster still leaves them out.
    let matching = Audience {
        sectors: vec![Sector::WoodFurniture],
        regions: vec![crate::geo::Region::Centru],
        statuses: vec![clusters::MembershipStatus::Active],
        roles: vec!["director".into()],
        ..Default::default()
    };
    assert_eq!(emails(&recipients(&store, &matching).await.unwrap()), ["ana@mobila.ro"]);
    let other_sector = Audience { sectors: vec![Sector::Textiles], ..Default::default() };
    assert!(recipients(&store, &other_sector).await.unwrap().is_empty());
    let gold = Audience { labels: vec![LabelLevel::Gold], ..Default::default() };
    assert!(recipients(&store, &gold).await.unwrap().is_empty());
    let label = LabelInput { level: Some(LabelLevel::Gold), awarded_on: "2026-01-15".into(), ..Default::default() };
    clusters::add_label(&store, cluster, &label).await.unwrap();
    assert_eq!(emails(&recipients(&store, &gold).await.unwrap()), ["ana@mobila.ro"]);

    // Resubscribing brings them back; withdrawing consent takes them out again.
    resubscribe(&store, gone).await.unwrap();
    assert_eq!(audience_count(&store, &everyone).await.unwrap(), 2);
    clusters::save_contact(&store, cluster, Some(ana), &contact("Ana Ionescu", "ana@mobila.ro", false)).await.unwrap();
    assert_eq!(emails(&recipients(&store, &everyone).await.unwrap()), ["radu@mobila.ro"]);
}

#[tokio::test]
async fn one_address_under_two_clusters_gets_one_message() {
    let (_dir, store, first) = store_with_cluster().await;
    let second = ClusterInput {
        name: "Clusterul Textil Nord-Est".into(),
        cui: "14399840".into(),
        county: "IS".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    };
    let second = clusters::create(&store, &second).await.unwrap();
    clusters::save_contact(&store, first, None, &contact("Ana Ionescu", "ana@mobila.ro", true)).await.unwrap();
    clusters::save_contact(&store, second, None, &contact("Ana Ionescu", "ANA@mobila.ro", true)).await.unwrap();
    assert_eq!(audience_count(&store, &Audience::default()).await.unwrap(), 1);
}

#[tokio::test]
async fn queueing_freezes_the_bulletin_with_one_message_per_recipient() {
    let (_dir, store, cluster) = store_with_cluster().await;
    let ana =
        clusters::save_contact(&store, cluster, None, &contact("Ana Ionescu", "ana@mobila.ro", true)).await.unwrap();
    let john =
        clusters::save_contact(&store, cluster, None, &contact("John Smith", "john@mobila.ro", true)).await.unwrap();
    set_contact_language(&store, john, Lang::En).await.unwrap();
    let id = save_bulletin(&store, None, &input(Audience::default())).await.unwrap();

    let draft = preview(&store, id, Lang::Ro, Some(ana)).await.unwrap();
    assert!(draft.text.starts_with("Bună ziua, Ana Ionescu,"), "{}", draft.text);
    assert!(draft.text.contains("DEZABONARE"));
    assert!(draft.html.contains("<p>Vă prezentăm noutățile lunii.</p>"));
    let english = preview(&store, id, Lang::Ro, Some(john)).await.unwrap();
    assert_eq!(english.subject, "CLUSTERO bulletin — June 2026");
    assert!(english.text.contains("UNSUBSCRIBE"));

    assert_eq!(queue_bulletin(&store, id).await.unwrap(), 2);
    let bulletin = get_bulletin(&store, id).await.unwrap();
    assert_eq!(bulletin.status, BulletinStatus::Queued);
    assert_eq!(bulletin.counts.queued, 2);
    let messages = bulletin_messages(&store, id).await.unwrap();
    assert_eq!(
        messages.iter().map(|m| (m.address.as_str(), m.language)).collect::<Vec<_>>(),
        [("ana@mobila.ro", Lang::Ro), ("john@mobila.ro", Lang::En)]
    );
    assert!(messages.iter().all(|m| m.message_id.starts_with('<') && m.message_id.ends_with('>')));
    assert_ne!(messages[0].message_id, messages[1].message_id);

    // Frozen: no edit, no second queueing, no deletion; the preview reads the stored edition.
    let refused = save_bulletin(&store, Some(id), &input(Audience::default())).await;
    assert!(matches!(refused, Err(crate::Error::Refused { code: "bulletin.already_queued", .. })));
    assert!(queue_bulletin(&store, id).await.is_err());
    assert!(delete_bulletin(&store, id).await.is_err());
    assert_eq!(preview(&store, id, Lang::Ro, Some(ana)).await.unwrap(), draft);

    // An unsubscription cancels what still waits for them; their page shows it.
    unsubscribe(&store, ana, "2026-06-15", "telefon").await.unwrap();
    let theirs = contact_messages(&store, ana).await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!((theirs[0].state, theirs[0].last_error.as_str()), (MessageState::Cancelled, "unsubscribed"));
    assert!(unsubscribe(&store, john, "2026-06-16", "telefon").await.is_err(), "not in the future");

    // Their personal data holds what was sent to them; the erasure leaves no name or address.
    let data = serde_json::to_string(&crate::personal_data::collect(&store, john).await.unwrap()).unwrap();
    assert!(data.contains("bulletin_messages") && data.contains(&messages[1].message_id), "{data}");
    crate::personal_data::erase(&store, john).await.unwrap();
    let left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bulletin_messages WHERE recipient_name LIKE '%John%' OR address LIKE '%john%'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(left, 0);
    assert_eq!(bulletin_messages(&store, id).await.unwrap().len(), 2, "the count of messages stays");
}

#[tokio::test]
async fn a_bulletin_without_recipients_is_not_queued_and_a_draft_is_checked() {
    let (_dir, store, cluster) = store_with_cluster().await;
    clusters::save_contact(&store, cluster, None, &contact("Ion Popa", "ion@mobila.ro", false)).await.unwrap();
    let id = save_bulletin(&store, None, &input(Audience::default())).await.unwrap();
    assert!(matches!(
        queue_bulletin(&store, id).await,
        Err(crate::Error::Refused { code: "bulletin.no_recipients", .. })
    ));
    assert_eq!(get_bulletin(&store, id).await.unwrap().status, BulletinStatus::Draft, "nothing written");
    let bad = BulletinInput { title: " ".into(), events_days: 400, call_ids: vec![99], ..input(Audience::default()) };
    let fields = crate::test_support::refused(save_bulletin(&store, None, &bad).await);
    assert_eq!(fields.get("title").map(String::as_str), Some("required"));
    assert_eq!(fields.get("events_days").map(String::as_str), Some("out_of_range"));
    assert_eq!(fields.get("call_ids").map(String::as_str), Some("missing_record"));
    delete_bulletin(&store, id).await.unwrap();
    assert!(list_bulletins(&store).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_pdf_is_the_message_as_read() {
    let (_dir, store, cluster) = store_with_cluster().await;
    let ana = clusters::save_contact(&store, cluster, None, &contact("Ana Ionescu", "ana@mobila.ro", true)).await.unwrap();
    let id = save_bulletin(&store, None, &input(Audience::default())).await.unwrap();
    let bytes = bulletin_pdf(&store, id, Lang::Ro, Some(ana)).await.unwrap();
    let pdf = crate::reports::testing::inspect_pdf("bulletin", &bytes);
    assert!(pdf.contains_wrapped("Bună ziua, Ana Ionescu,"), "{}", pdf.text);
    assert!(pdf.contains_wrapped("Vă prezentăm noutățile lunii."));
    assert!(pdf.contains_wrapped("„DEZABONARE”"));
    pdf.assert_fonts_embedded_subsets();
}

#[tokio::test]
async fn the_annual_summary_counts_bulletins_sent_and_recipients_reached_in_the_bucharest_year() {
    let (_dir, store, cluster) = store_with_cluster().await;
    for (name, email) in [("Ana Ionescu", "ana@mobila.ro"), ("John Smith", "john@mobila.ro"), ("Ion Popa", "ion@mobila.ro")] {
        clusters::save_contact(&store, cluster, None, &contact(name, email, true)).await.unwrap();
    }
    let id = save_bulletin(&store, None, &input(Audience::default())).await.unwrap();
    queue_bulletin(&store, id).await.unwrap();
    // 31.12.2025 23:30 UTC is already 2026 in Bucharest; one message failed, one went out in 2025.
    for (address, state, sent_at) in [
        ("ana@mobila.ro", "sent", Some("2025-12-31T23:30:00Z")),
        ("john@mobila.ro", "failed", None),
        ("ion@mobila.ro", "sent", Some("2025-12-31T21:30:00Z")),
    ] {
        sqlx::query("UPDATE bulletin_messages SET state = ?, sent_at = ? WHERE address = ?")
            .bind(state)
            .bind(sent_at)
            .bind(address)
            .execute(store.pool())
            .await
            .unwrap();
    }
    let summary = crate::summary::annual(&store, 2026).await.unwrap();
    assert_eq!((summary.services.bulletins_sent, summary.services.recipients_reached), (1, 1));
    let before = crate::summary::annual(&store, 2025).await.unwrap();
    assert_eq!((before.services.bulletins_sent, before.services.recipients_reached), (1, 1));
}

#[tokio::test]
async fn the_messages_are_written_as_eml_files_with_their_message_ids() {
    let (dir, store, cluster) = store_with_cluster().await;
    clusters::save_contact(&store, cluster, None, &contact("Ana Ionescu", "ana@mobila.ro", true)).await.unwrap();
    clusters::save_contact(&store, cluster, None, &contact("Ion Popa", "ion@mobila.ro", true)).await.unwrap();
    let settings = SmtpSettings { host: "mail.clustero.ro".into(), from_address: "buletin@clustero.ro".into(), ..Default::default() };
    save_smtp_settings(&store, &settings).await.unwrap();
    let id = save_bulletin(&store, None, &input(Audience::default())).await.unwrap();
    assert!(export_eml(&store, id, dir.path()).await.is_err(), "a draft has no messages yet");
    queue_bulletin(&store, id).await.unwrap();
    let out = dir.path().join("eml");
    assert_eq!(export_eml(&store, id, &out).await.unwrap(), 2);
    let mut files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let first = std::fs::read_to_string(&files[0]).unwrap();
    let messages = bulletin_messages(&store, id).await.unwrap();
    assert!(first.contains(&format!("Message-ID: {}", messages[0].message_id)), "{first}");
    assert!(first.contains("To: \"Ana Ionescu\" <ana@mobila.ro>") || first.contains("To: Ana Ionescu <ana@mobila.ro>"), "{first}");
    assert!(first.contains("Subject: Buletinul CLUSTERO =?utf-8?b?"), "the words with diacritics are encoded: {first}");
    assert!(first.contains("List-Unsubscribe: <mailto:buletin@clustero.ro?subject=unsubscribe>"));
    assert!(first.contains("Content-Type: text/plain; charset=utf-8") && first.contains("Content-Type: text/html; charset=utf-8"));
}
