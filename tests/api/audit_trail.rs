//! The tamper-evident timeline: append-only for the app's role, no cascade from renewals or
//! tenants, and a per-tenant hash chain that `recomply audit verify` checks.

use recomply::crypto::SecretKey;

use crate::lifecycle::prepared_and_fixed;
use crate::lifecycle_support::World;

async fn audit_verify(world: &World) -> (bool, String) {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_recomply"))
        .args(["audit", "verify"])
        .env(
            "DATABASE_URL",
            world.config.database_url.as_ref().unwrap().expose(),
        )
        .env("RECOMPLY_SECRET_KEY", SecretKey::generate().to_base64())
        .env_remove("RECOMPLY_DEV")
        .output()
        .await
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[tokio::test]
async fn deleting_updating_or_truncating_the_timeline_is_refused_and_nothing_cascades() {
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (_, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;

    // Act
    let delete = sqlx::query("delete from renewal_event where renewal_id = $1")
        .bind(renewal_id)
        .execute(&world.db)
        .await;
    let update = sqlx::query("update renewal_event set actor = 'someone else'")
        .execute(&world.db)
        .await;
    let truncate = sqlx::query("truncate renewal_event")
        .execute(&world.db)
        .await;
    let renewal_gone = sqlx::query("delete from renewal where renewal_id = $1")
        .bind(renewal_id)
        .execute(&world.db)
        .await;
    let tenant_gone = sqlx::query("delete from tenant where tenant_id = $1")
        .bind(tenant.tenant_id)
        .execute(&world.db)
        .await;

    // Assert
    for (what, result) in [
        ("delete", delete),
        ("update", update),
        ("truncate", truncate),
    ] {
        let error = result.expect_err(what).to_string();
        assert!(error.contains("append-only"), "{what}: {error}");
    }
    assert!(
        renewal_gone.is_err(),
        "a renewal with a trail is not deleted"
    );
    assert!(tenant_gone.is_err(), "a tenant with a trail is not deleted");
    let timeline = world.timeline(&tenant, renewal_id).await;
    assert!(timeline.len() >= 4, "{timeline:?}");
}

#[tokio::test]
async fn audit_verify_passes_an_intact_trail_and_names_the_row_edited_behind_the_apps_back() {
    // Arrange: two tenants with trails.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let other = world.add_tenant("other").await;
    let (other_bundle, _) = world.seed_approved_bundle(&other, "Other", false).await;
    let (_, renewal_id, _) = prepared_and_fixed(&world, &acme).await;
    let mut tx = world.db.begin().await.unwrap();
    recomply::lifecycle::enqueue_sweep(&mut tx, other.tenant_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    world.run_jobs().await;
    assert!(world.renewal(&other, &other_bundle).await.is_some());
    let (intact, before) = audit_verify(&world).await;

    // Act: the superuser switches the guard off and edits one row's details.
    let edited: i64 = sqlx::query_scalar(
        "select renewal_event_id from renewal_event where renewal_id = $1
         order by chain_seq offset 1 limit 1",
    )
    .bind(renewal_id)
    .fetch_one(&world.db)
    .await
    .unwrap();
    let mut tx = world.db.begin().await.unwrap();
    for statement in [
        "alter table renewal_event disable trigger renewal_event_no_update",
        "update renewal_event set actor = 'mallory' where renewal_event_id = $1",
        "alter table renewal_event enable trigger renewal_event_no_update",
    ] {
        sqlx::query(statement)
            .bind(edited)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let (passed, after) = audit_verify(&world).await;

    // Assert
    assert!(intact, "{before}");
    assert!(
        before.contains("acme") && before.contains("other"),
        "{before}"
    );
    assert!(before.contains("2 timeline chains verified"), "{before}");
    assert!(!passed, "{after}");
    let acme_line = after.lines().find(|l| l.starts_with("acme")).unwrap();
    assert!(
        acme_line.contains(&format!("BROKEN at renewal_event {edited} "))
            && acme_line.contains("changed after it was written"),
        "{after}"
    );
    let other_line = after.lines().find(|l| l.starts_with("other")).unwrap();
    assert!(other_line.contains("intact"), "{after}");
}

#[tokio::test]
async fn every_save_keeps_its_own_evaluation_in_the_history() {
    // Arrange: preparation (one evaluation) and the fixing save (a second).
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let (_, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;
    let snapshot = world
        .engine
        .snapshot(tenant.tenant_id, renewal_id)
        .await
        .unwrap()
        .unwrap();
    let end_user_sid = snapshot.end_users[0].sid.clone();

    // Act: two more saves.
    for vat in ["GB000000001", "GB000000002"] {
        world
            .engine
            .apply_changes(
                tenant.tenant_id,
                renewal_id,
                vec![recomply::lifecycle::Change::SetEndUserFields {
                    end_user_sid: end_user_sid.clone(),
                    fields: std::collections::BTreeMap::from([(
                        "vat_number".to_owned(),
                        vat.to_owned(),
                    )]),
                }],
                &crate::lifecycle::customer(&tenant),
            )
            .await
            .unwrap();
    }

    // Assert
    let history =
        recomply::db::evaluations::list_for_renewal(&world.db, tenant.tenant_id, renewal_id)
            .await
            .unwrap();
    let reasons: Vec<_> = history.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "prepared",
            "changes_saved",
            "changes_saved",
            "changes_saved"
        ]
    );
    let vats: Vec<_> = history
        .iter()
        .skip(1)
        .map(|e| e.snapshot.0.end_users[0].field_text("vat_number"))
        .collect();
    assert_eq!(vats, ["GB123456789", "GB000000001", "GB000000002"]);
    assert_eq!(
        history[1].actor.as_deref(),
        Some(tenant.user_email.as_str())
    );
    let other = world.add_tenant("other").await;
    let leaked =
        recomply::db::evaluations::list_for_renewal(&world.db, other.tenant_id, renewal_id)
            .await
            .unwrap();
    assert!(leaked.is_empty(), "another tenant sees no evaluations");
}

#[tokio::test]
async fn a_page_of_renewals_opened_at_once_chains_as_rows_written_one_by_one_do() {
    // Arrange: three approved bundles given deadlines by a regulation change, opened by one sweep's page (their
    // timeline rows appended in one batch), then a row inserted alone through the per-row
    // chain trigger.
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let mut regulation = String::new();
    for name in ["First", "Second", "Third"] {
        regulation = world.seed_approved_bundle(&acme, name, false).await.1;
    }
    world.require_vat_number(&regulation).await;
    let swept = recomply::lifecycle::discovery::sweep_tenant(&world.engine, acme.tenant_id)
        .await
        .unwrap();
    assert_eq!(swept.renewals_opened, 3);
    let renewal_id: uuid::Uuid = sqlx::query_scalar(
        "select renewal_id from renewal_event where tenant_id = $1 order by chain_seq limit 1",
    )
    .bind(acme.tenant_id)
    .fetch_one(&world.db)
    .await
    .unwrap();
    sqlx::query(
        "insert into renewal_event (tenant_id, renewal_id, from_state, to_state, cause, actor)
         values ($1, $2, 'detected', 'detected', 'staff', 'someone')",
    )
    .bind(acme.tenant_id)
    .bind(renewal_id)
    .execute(&world.db)
    .await
    .unwrap();

    // Act
    let (intact, report) = audit_verify(&world).await;
    let rows: Vec<(i64, String, String, String, bool)> = sqlx::query_as(
        "select chain_seq, prev_hash, row_hash,
                timeline_row_hash(prev_hash, tenant_id, chain_seq, renewal_id, from_state,
                                  to_state, cause, actor, details, created_at),
                actor = 'someone'
         from renewal_event where tenant_id = $1 order by chain_seq",
    )
    .bind(acme.tenant_id)
    .fetch_all(&world.db)
    .await
    .unwrap();

    // Assert: positions 1 to 4, each row linked to the one before, every hash the one the
    // trigger's rule gives, and the whole trail verified by `recomply audit verify`.
    assert!(intact, "{report}");
    assert!(report.contains("1 timeline chains verified"), "{report}");
    let positions: Vec<i64> = rows.iter().map(|r| r.0).collect();
    assert_eq!(positions, [1, 2, 3, 4]);
    assert_eq!(rows[0].1, recomply::domain::timeline_chain::GENESIS_HASH);
    for pair in rows.windows(2) {
        assert_eq!(
            pair[1].1, pair[0].2,
            "row {} links to row {}",
            pair[1].0, pair[0].0
        );
    }
    for (seq, _, stored, recomputed, _) in &rows {
        assert_eq!(stored, recomputed, "row {seq}");
    }
    assert!(rows[3].4, "the row inserted alone comes last");
}
