use super::*;
use crate::test_support::{refused as fields, store_with_cluster as setup};

fn consultation(cluster: i64) -> ConsultationInput {
    ConsultationInput {
        head: ConsultationHead {
            body: Body::Ministry,
            body_name: "Ministerul Economiei".into(),
            title: "Ghidul schemei pentru clustere".into(),
            opened_on: "2026-05-04".into(),
            deadline_on: Some("2026-05-25".into()),
            owner: "Ioana Mărgineanu".into(),
            ..Default::default()
        },
        members: vec![ConsultedMemberInput {
            cluster_id: cluster,
            person_name: "Ana Ştefănescu".into(),
            asked_on: "2026-05-05".into(),
            answered_on: Some("2026-05-12".into()),
            response: "Pragul de 15 membri este prea mare pentru clusterele noi.".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[tokio::test]
async fn a_consultation_keeps_the_members_answers_with_comma_below() {
    let (_dir, store, cluster) = setup().await;
    let id = save_consultation(&store, None, &consultation(cluster)).await.unwrap();
    let saved = get_consultation(&store, id).await.unwrap();
    assert_eq!(saved.member_rows[0].person, "Ana Ștefănescu");
    assert_eq!(saved.member_rows[0].input.response, "Pragul de 15 membri este prea mare pentru clusterele noi.");
    let rows = list_consultations(&store, &ConsultationFilter { cluster_id: Some(cluster), year: Some(2026), open: true, ..Default::default() })
        .await
        .unwrap();
    assert_eq!((rows.len(), rows[0].members, rows[0].answers), (1, 1, 1));
    assert!(list_consultations(&store, &ConsultationFilter { year: Some(2025), ..Default::default() }).await.unwrap().is_empty());
}

#[tokio::test]
async fn dates_in_order_and_an_outcome_only_for_a_position_sent() {
    let (_dir, store, cluster) = setup().await;
    let mut input = consultation(cluster);
    input.head.deadline_on = Some("2026-05-01".into());
    input.head.outcome = PositionOutcome::Adopted;
    input.members[0].answered_on = Some("2026-05-04".into());
    let refused = fields(save_consultation(&store, None, &input).await);
    assert_eq!(refused.get("deadline_on").map(String::as_str), Some("deadline_before_opened"));
    assert_eq!(refused.get("outcome").map(String::as_str), Some("outcome_without_position"));
    assert_eq!(refused.get("members").map(String::as_str), Some("answered_before_asked"));

    let mut sent = consultation(cluster);
    sent.head.position_sent_on = Some("2026-05-20".into());
    sent.head.outcome = PositionOutcome::Adopted;
    save_consultation(&store, None, &sent).await.unwrap();
}
