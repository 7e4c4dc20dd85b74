//! Zero-touch: a copy Twilio finds complete when it is prepared is submitted by recomply when
//! the tenant allows it (the default) and the renewal completes with no customer action; the
//! customer is told afterwards. A tenant that turns it off keeps every copy for the customer.

use recomply::domain::ids::RenewalId;
use recomply::domain::renewal::RenewalState;
use serde_json::json;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::evidence_pack::{customer_client, get, staff_client_as};
use crate::html::csrf_token;
use crate::lifecycle_support::{Tenant, World, approved_uk_bundle};

/// Seeds an approved bundle that already carries a deadline in 20 days and needs nothing new:
/// its copy is compliant as soon as it is made.
async fn complete_bundle_with_deadline(world: &World, tenant: &Tenant, name: &str) -> String {
    let mut body = approved_uk_bundle(&tenant.account_sid, name, None, "Head office");
    let deadline = OffsetDateTime::now_utc() + time::Duration::days(20);
    body["valid_until"] = json!(deadline.format(&Rfc3339).unwrap());
    let view = world.control("POST", "/bundles", body).await;
    view["sid"].as_str().unwrap().to_owned()
}

async fn held_action_notices(world: &World, renewal_id: RenewalId) -> i64 {
    sqlx::query_scalar("select count(*) from action_notice where renewal_id = $1")
        .bind(renewal_id)
        .fetch_one(&world.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_copy_with_nothing_missing_completes_without_the_customer_and_they_are_told() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    world.automatic_review(&acme, 0).await;
    let bundle_sid = complete_bundle_with_deadline(&world, &acme, "Acme UK mobile").await;

    world.sweep(&acme).await;
    world.settle().await;
    // Twilio's review (emulator time), then its callback or the next poll finishes it.
    world.advance_clock(60).await;
    world.settle().await;
    world.make_due("poll_renewal").await;
    world.settle().await;

    let renewal = world.renewal(&acme, &bundle_sid).await.expect("a renewal");
    assert_eq!(renewal.state, RenewalState::Completed);
    let timeline = world.timeline(&acme, renewal.renewal_id).await;
    assert!(
        timeline
            .iter()
            .any(|e| e.starts_with("submitted:collecting->submitted")),
        "{timeline:?}"
    );
    let actor: String = sqlx::query_scalar(
        "select actor from renewal_event where renewal_id = $1 and to_state = $2",
    )
    .bind(renewal.renewal_id)
    .bind(RenewalState::Submitted)
    .fetch_one(&world.db)
    .await
    .unwrap();
    assert_eq!(actor, "auto_submit");
    // Told afterwards, never asked.
    assert_eq!(held_action_notices(&world, renewal.renewal_id).await, 0);
    let emails = world.emails(renewal.renewal_id).await;
    let kinds: Vec<&str> = emails.iter().map(|(kind, ..)| kind.as_str()).collect();
    assert!(!kinds.contains(&"action_needed"), "{kinds:?}");
    let submitted = emails
        .iter()
        .find(|(kind, ..)| kind == "submitted")
        .expect("a submitted email");
    assert!(
        submitted.3.contains("Nothing was missing")
            && submitted.3.contains("nothing you need to do"),
        "{}",
        submitted.3
    );
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn a_tenant_that_turns_it_off_keeps_the_copy_for_its_customer_and_only_its_own() {
    let world = World::spawn().await;
    let careful = world.add_tenant("careful").await;
    let relaxed = world.add_tenant("relaxed").await;
    world.automatic_review(&relaxed, 3600).await;
    let careful_sid = complete_bundle_with_deadline(&world, &careful, "Careful UK").await;
    let relaxed_sid = complete_bundle_with_deadline(&world, &relaxed, "Relaxed UK").await;

    // An admin turns zero-touch off for one tenant on its page.
    let admin = staff_client_as(&world, "ada@isv.example", "admin").await;
    let path = format!("/admin/tenants/{}", careful.tenant_id);
    let page = get(&world, &admin, &path).await.text().await.unwrap();
    assert!(page.contains("id=\"auto_submit\" name=\"auto_submit\" value=\"on\" checked"));
    let saved = admin
        .post(format!("{}{path}/auto-submit", world.address))
        .form(&[("csrf_token", csrf_token(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let page = get(&world, &admin, &path).await.text().await.unwrap();
    assert!(page.contains("Every copy will wait for the customer to press Submit."));
    assert!(
        !page.contains("value=\"on\" checked"),
        "the box is now clear"
    );

    world.sweep(&careful).await;
    world.sweep(&relaxed).await;
    world.settle().await;

    let waiting = world.renewal(&careful, &careful_sid).await.unwrap();
    assert_eq!(
        waiting.state,
        RenewalState::Collecting,
        "the customer submits"
    );
    assert_eq!(held_action_notices(&world, waiting.renewal_id).await, 1);
    let submitted = world.renewal(&relaxed, &relaxed_sid).await.unwrap();
    assert_eq!(
        submitted.state,
        RenewalState::Submitted,
        "the other tenant keeps the default"
    );

    // The relaxed tenant's customer reads on the status page that it went by itself.
    let customer = customer_client(&world, &relaxed).await;
    let status = get(
        &world,
        &customer,
        &format!("/renewals/{}/status", submitted.renewal_id),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(
        status.contains("Nothing was missing, so it was submitted for you on"),
        "{status}"
    );
}

#[tokio::test]
async fn only_admins_change_the_setting() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let support = staff_client_as(&world, "sam@isv.example", "support").await;
    let path = format!("/admin/tenants/{}", acme.tenant_id);
    let page = get(&world, &support, &path).await.text().await.unwrap();
    assert!(page.contains("Copies that need nothing from the customer are submitted for them."));

    let refused = support
        .post(format!("{}{path}/auto-submit", world.address))
        .form(&[("csrf_token", csrf_token(&page))])
        .send()
        .await
        .unwrap();

    assert_eq!(refused.status(), 403);
    assert!(
        recomply::db::auto_submit::tenant_allows(&world.db, acme.tenant_id)
            .await
            .unwrap()
    );
}
