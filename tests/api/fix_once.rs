//! Fix once: one value or upload on a renewal page, applied to the tenant's other open
//! renewals that need the same End-User field or document type, each copy written at the
//! emulator and recorded on its own timeline; never across tenants; bad input applied to none.

use recomply::db::timeline;
use recomply::domain::ids::RenewalId;
use recomply::domain::renewal::RenewalState;
use serde_json::{Value, json};

use crate::evidence_pack::customer_client;
use crate::html::{attrs, form_values, texts};
use crate::lifecycle_support::{Tenant, World};
use crate::uploads::{multipart, pdf};

const BUNDLES: [&str; 3] = ["Acme London", "Acme Leeds", "Acme York"];

/// `names` approved bundles of `tenant` on the UK regulation, which then requires a VAT number
/// (and, with `bill`, a utility bill); swept until every renewal waits for the customer.
/// Returns (renewal id, copy SID) per bundle, in order.
async fn renewals_needing(
    world: &World,
    tenant: &Tenant,
    names: &[&str],
    bill: bool,
) -> Vec<(RenewalId, String)> {
    let mut sids = Vec::new();
    for name in names {
        sids.push(world.seed_approved_bundle(tenant, name, false).await);
    }
    let regulation = sids[0].1.clone();
    world.require_vat_number(&regulation).await;
    if bill {
        world
            .control(
                "POST",
                &format!("/regulations/{regulation}/changes"),
                json!({"change": {"kind": "add_document_requirement",
                    "requirement_name": "proof_of_premises_info", "name": "Proof of Premises",
                    "accepted_documents": [{"name": "Utility bill", "type": "utility_bill"}]},
                    "valid_until_days": 30}),
            )
            .await;
    }
    world.sweep(tenant).await;
    world.settle().await;
    let mut renewals = Vec::new();
    for (bundle_sid, _) in sids {
        let renewal = world.renewal(tenant, &bundle_sid).await.unwrap();
        renewals.push((renewal.renewal_id, renewal.copy_sid.unwrap().to_string()));
    }
    renewals
}

async fn page(world: &World, browser: &reqwest::Client, renewal_id: RenewalId) -> String {
    let response = browser
        .get(format!("{}/renewals/{renewal_id}", world.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

/// Posts the page's form with `changes` (and `files`); unticked checkboxes are left out, as a
/// browser does. Returns (status, page after redirects).
async fn save(
    world: &World,
    browser: &reqwest::Client,
    renewal_id: RenewalId,
    html: &str,
    changes: &[(&str, &str)],
    files: Vec<(&str, &str, Vec<u8>)>,
) -> (u16, String) {
    let values: Vec<_> = form_values(html, "form#sections")
        .into_iter()
        .filter(|(name, _)| !name.starts_with("also."))
        .collect();
    let response = browser
        .post(format!("{}/renewals/{renewal_id}", world.address))
        .multipart(multipart(&values, changes, files))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    if status == 303 {
        let to = response.headers()["location"].to_str().unwrap().to_owned();
        let landed = browser
            .get(format!("{}{to}", world.address))
            .send()
            .await
            .unwrap();
        return (status, landed.text().await.unwrap());
    }
    (status, response.text().await.unwrap())
}

/// The name of the input whose name ends with `suffix`.
fn input_named(html: &str, selector: &str, suffix: &str) -> String {
    attrs(html, selector, "name")
        .into_iter()
        .find(|n| n.ends_with(suffix))
        .unwrap_or_else(|| panic!("an input named …{suffix}"))
}

async fn copy(world: &World, copy_sid: &str) -> Value {
    world.emulator_bundle(copy_sid).await.unwrap()
}

fn vat_at(copy: &Value) -> Option<String> {
    copy["end_users"][0]["attributes"]["vat_number"]
        .as_str()
        .map(str::to_owned)
}

/// The timeline entries of the renewal that a fix-once from `from` wrote.
async fn fixed_from(
    world: &World,
    tenant: &Tenant,
    renewal_id: RenewalId,
    from: RenewalId,
) -> Vec<Value> {
    timeline::list_for_renewal(&world.db, tenant.tenant_id, renewal_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.details["fix_once_from"] == json!(from))
        .map(|e| {
            assert_eq!(e.event(), "changes_saved");
            assert_eq!(e.cause, "customer");
            assert_eq!(e.actor.as_deref(), Some(tenant.user_email.as_str()));
            e.details
        })
        .collect()
}

#[tokio::test]
async fn one_vat_number_ticked_for_the_others_reaches_all_three_copies() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let renewals = renewals_needing(&world, &acme, &BUNDLES, false).await;
    let browser = customer_client(&world, &acme).await;
    let (first, _) = renewals[0];
    let html = page(&world, &browser, first).await;

    assert_eq!(
        texts(&html, ".fix-once label"),
        ["Also use this for: Acme Leeds, Acme York"]
    );
    assert_eq!(
        attrs(&html, ".fix-once input", "checked"),
        Vec::<String>::new(),
        "unticked by default"
    );
    let vat = input_named(&html, "form#sections input", ".vat_number");
    let value = format!("{},{}", renewals[1].0, renewals[2].0);
    let (status, after) = save(
        &world,
        &browser,
        first,
        &html,
        &[
            (&vat, "GB123456789"),
            ("also.eu.business.vat_number", &value),
        ],
        vec![],
    )
    .await;

    assert_eq!(status, 303, "{after}");
    assert_eq!(
        texts(&after, ".fix-once-updated"),
        ["Also saved to: Acme Leeds, Acme York"]
    );
    for (renewal_id, copy_sid) in &renewals {
        let at_twilio = copy(&world, copy_sid).await;
        assert_eq!(vat_at(&at_twilio).as_deref(), Some("GB123456789"));
        assert_eq!(at_twilio["latest_evaluation"]["status"], "compliant");
        if *renewal_id != first {
            assert_eq!(fixed_from(&world, &acme, *renewal_id, first).await.len(), 1);
        }
    }
    world.assert_no_failed_jobs().await;
}

#[tokio::test]
async fn one_upload_ticked_for_the_others_reaches_all_three_copies() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let renewals = renewals_needing(&world, &acme, &BUNDLES, true).await;
    let browser = customer_client(&world, &acme).await;
    let (first, _) = renewals[0];
    let html = page(&world, &browser, first).await;
    let file = input_named(&html, "form#sections input[type=file]", ".file");
    let doc_offer = attrs(&html, "input[name='also.doc.utility_bill']", "value");
    assert_eq!(doc_offer.len(), 1, "one offer beside the upload");

    let (status, after) = save(
        &world,
        &browser,
        first,
        &html,
        &[("also.doc.utility_bill", &doc_offer[0])],
        vec![(&file, "bill.pdf", pdf())],
    )
    .await;

    assert_eq!(status, 303, "{after}");
    for (renewal_id, copy_sid) in &renewals {
        let at_twilio = copy(&world, copy_sid).await;
        let bills: Vec<_> = at_twilio["documents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["type"] == "utility_bill")
            .collect();
        assert_eq!(bills.len(), 1, "{copy_sid}: {at_twilio}");
        assert_eq!(bills[0]["file_size"], json!(pdf().len()));
        if *renewal_id != first {
            let entries = fixed_from(&world, &acme, *renewal_id, first).await;
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0]["documents"].as_array().unwrap().len(), 1);
        }
        assert_eq!(vat_at(&at_twilio), None, "the VAT number was not ticked");
    }
}

#[tokio::test]
async fn no_offer_when_no_other_renewal_still_needs_it() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let renewals = renewals_needing(&world, &acme, &BUNDLES[..2], false).await;
    let browser = customer_client(&world, &acme).await;
    let (first, second) = (renewals[0].0, renewals[1].0);
    let html = page(&world, &browser, first).await;
    assert_eq!(texts(&html, ".fix-once label").len(), 1);

    // The second renewal gets its VAT number on its own page: nothing is left to share.
    let other = page(&world, &browser, second).await;
    let vat = input_named(&other, "form#sections input", ".vat_number");
    let (status, _) = save(&world, &browser, second, &other, &[(&vat, "GB1")], vec![]).await;
    assert_eq!(status, 303);

    let html = page(&world, &browser, first).await;
    assert!(texts(&html, ".fix-once").is_empty(), "no offer is left");
    assert!(!texts(&html, "form#sections label").is_empty());
}

#[tokio::test]
async fn another_tenants_renewals_are_never_offered_or_written() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let globex = world.add_tenant("globex").await;
    world
        .seed_approved_bundle(&globex, "Globex Leeds", false)
        .await;
    let ours = renewals_needing(&world, &acme, &BUNDLES[..2], false).await;
    world.sweep(&globex).await;
    world.settle().await;
    let theirs = sqlx::query_as::<_, (RenewalId, String)>(
        "select renewal_id, copy_sid from renewal where tenant_id = $1",
    )
    .bind(globex.tenant_id)
    .fetch_one(&world.db)
    .await
    .unwrap();
    let browser = customer_client(&world, &acme).await;
    let html = page(&world, &browser, ours[0].0).await;

    assert_eq!(
        texts(&html, ".fix-once label"),
        ["Also use this for: Acme Leeds"],
        "only the customer's own bundles are named"
    );
    let vat = input_named(&html, "form#sections input", ".vat_number");
    let forged = format!("{},{}", ours[1].0, theirs.0);
    let (status, _) = save(
        &world,
        &browser,
        ours[0].0,
        &html,
        &[
            (&vat, "GB123456789"),
            ("also.eu.business.vat_number", &forged),
        ],
        vec![],
    )
    .await;

    assert_eq!(status, 303);
    assert_eq!(
        vat_at(&copy(&world, &ours[1].1).await).as_deref(),
        Some("GB123456789")
    );
    assert_eq!(
        vat_at(&copy(&world, &theirs.1).await),
        None,
        "not written across tenants"
    );
    assert!(
        fixed_from(&world, &globex, theirs.0, ours[0].0)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn an_invalid_value_is_applied_to_none_and_kept_beside_the_field() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let renewals = renewals_needing(&world, &acme, &BUNDLES, false).await;
    let browser = customer_client(&world, &acme).await;
    let first = renewals[0].0;
    let html = page(&world, &browser, first).await;
    let vat = input_named(&html, "form#sections input", ".vat_number");
    let offer = attrs(&html, "input[name='also.eu.business.vat_number']", "value");
    let too_long = "G".repeat(300);

    let (status, after) = save(
        &world,
        &browser,
        first,
        &html,
        &[
            (&vat, &too_long),
            ("also.eu.business.vat_number", &offer[0]),
        ],
        vec![],
    )
    .await;

    assert_eq!(status, 422);
    let errors = texts(&after, ".field-invalid .field-error");
    assert_eq!(
        errors,
        ["Error: VAT Number must be 255 characters or fewer"]
    );
    assert_eq!(
        attrs(&after, &format!("input[name='{vat}']"), "value"),
        [too_long]
    );
    assert_eq!(
        attrs(
            &after,
            "input[name='also.eu.business.vat_number']",
            "checked"
        )
        .len(),
        1,
        "the tick is kept too"
    );
    for (renewal_id, copy_sid) in &renewals {
        assert_eq!(vat_at(&copy(&world, copy_sid).await), None);
        assert!(
            fixed_from(&world, &acme, *renewal_id, first)
                .await
                .is_empty()
        );
    }
}

#[tokio::test]
async fn the_demo_offers_the_paris_website_for_the_lyon_line_too() {
    // The demo's seed and regulation change, as `recomply demo` runs them.
    let world = World::spawn().await;
    let report = recomply::demo::seed::seed(&recomply::demo::seed::SeedTarget {
        db: &world.db,
        key: &world.config.secret_key,
        emulator_url: world.emulator.base_url(),
        webhook_url: &world.webhook_url(),
        review_delay_seconds: 60,
    })
    .await
    .expect("the demo data seeds");
    let acme = &report.tenants[0];
    recomply::demo::seed::enact_france_change(
        world.emulator.base_url(),
        &acme.account_sid,
        &acme.auth_token,
        21,
    )
    .await
    .unwrap();
    let ids: Vec<_> = report.tenants.iter().map(|t| t.tenant_id).collect();
    recomply::demo::seed::sweep_all(&world.db, &ids)
        .await
        .unwrap();
    world.run_jobs().await;
    let paris: RenewalId = sqlx::query_scalar(
        "select r.renewal_id from renewal r join bundle b using (bundle_id)
         where b.friendly_name = 'Acme — Paris sales line' and r.state = $1",
    )
    .bind(RenewalState::Collecting)
    .fetch_one(&world.db)
    .await
    .unwrap();
    let mail = world
        .mailbox
        .to("ada@acme.example")
        .into_iter()
        .find(|m| m.subject.starts_with("Action needed") && m.subject.contains("Paris sales line"))
        .expect("the action-needed email");
    let browser = crate::harness::client();
    crate::harness::follow_link(&browser, &mail.link().unwrap()).await;

    let html = page(&world, &browser, paris).await;

    let labels = texts(&html, ".fix-once label");
    assert!(!labels.is_empty());
    assert!(
        labels
            .iter()
            .all(|l| l == "Also use this for: Acme — Lyon support line"),
        "{labels:?}"
    );
    let website = attrs(
        &html,
        "input[name='also.eu.business.business_website']",
        "value",
    );
    assert_eq!(
        website.len(),
        1,
        "the new website field is offered for Lyon too"
    );
}

#[tokio::test]
async fn one_copy_twilio_refuses_does_not_stop_the_others_and_the_customer_is_told() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let renewals = renewals_needing(&world, &acme, &BUNDLES, false).await;
    let york = copy(&world, &renewals[2].1).await;
    let york_end_user = york["end_users"][0]["sid"].as_str().unwrap().to_owned();
    world
        .control(
            "POST",
            "/faults",
            json!({"method": "POST",
                   "path": format!("/v2/RegulatoryCompliance/EndUsers/{york_end_user}"),
                   "fault": {"kind": "status", "status": 400}}),
        )
        .await;
    let browser = customer_client(&world, &acme).await;
    let first = renewals[0].0;
    let html = page(&world, &browser, first).await;
    let vat = input_named(&html, "form#sections input", ".vat_number");
    let offer = attrs(&html, "input[name='also.eu.business.vat_number']", "value");

    let (status, after) = save(
        &world,
        &browser,
        first,
        &html,
        &[
            (&vat, "GB123456789"),
            ("also.eu.business.vat_number", &offer[0]),
        ],
        vec![],
    )
    .await;

    assert_eq!(status, 303);
    assert_eq!(
        texts(&after, ".fix-once-updated"),
        ["Also saved to: Acme Leeds"]
    );
    assert_eq!(
        texts(&after, ".fix-once-not-updated"),
        ["Could not be saved to: Acme York. Please open each of them and try again."]
    );
    let leeds = copy(&world, &renewals[1].1).await;
    assert_eq!(vat_at(&leeds).as_deref(), Some("GB123456789"));
    assert_eq!(vat_at(&copy(&world, &renewals[2].1).await), None);
    assert!(
        fixed_from(&world, &acme, renewals[2].0, first)
            .await
            .is_empty()
    );
}

/// A renewal page offers "also use this for" by what the other renewals keep as their needs
/// beside their snapshots; renewals stored before those were kept are read from their snapshots.
#[tokio::test]
async fn offers_follow_the_needs_kept_with_each_snapshot_and_older_rows_their_snapshot() {
    use crate::portal::fixtures;
    let app = crate::harness::spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let mut renewals = Vec::new();
    for name in ["Paris office", "Lyon line", "Nice line", "Lille line"] {
        let bundle = app
            .seed()
            .customer_bundle(
                &camille,
                name,
                ("FR", "mobile", "business"),
                recomply::twilio::BundleStatus::TwilioApproved,
                Some(12),
            )
            .await;
        let snapshot = Some(fixtures::partly_done());
        renewals.push(
            app.seed()
                .customer_renewal(
                    &camille,
                    bundle,
                    recomply::domain::renewal::RenewalState::Collecting,
                    snapshot,
                )
                .await,
        );
    }
    let snapshot: recomply::domain::snapshot::RenewalSnapshot =
        serde_json::from_value(fixtures::partly_done()).unwrap();
    let keys = recomply::domain::fix_once::need_keys(&snapshot);
    assert!(!keys.is_empty(), "the fixture needs something");
    // Nice's copy was evaluated since and needs nothing; Lille's needs what its snapshot says;
    // Lyon's row is from before needs were kept.
    for (renewal, needs) in [(renewals[2], vec![]), (renewals[3], keys)] {
        sqlx::query("update renewal set needs = $2 where renewal_id = $1")
            .bind(renewal)
            .bind(needs)
            .execute(&app.db)
            .await
            .unwrap();
    }
    crate::portal::session::sign_in(&app, &camille).await;

    let response = app.get(&format!("/renewals/{}", renewals[0])).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();

    assert!(html.contains("Lyon line"), "the older row is offered");
    assert!(
        html.contains("Lille line"),
        "the row whose needs are kept is offered"
    );
    assert!(
        !html.contains("Nice line"),
        "a row that needs nothing is not offered"
    );
}
