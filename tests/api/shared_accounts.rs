//! Tenants that share one Twilio account: each takes the bundles its rule picks, a bundle no
//! rule (or two rules) takes waits for staff to assign it, callbacks reach the bundle's tenant,
//! and the tenants never see each other's bundles.

use recomply::db::shared_accounts;
use recomply::db::tenants::{self, NewTenant, TenantError};
use recomply::domain::bundle_scope::{BundleScope, BundleScopeKind};
use recomply::domain::ids::TenantId;
use recomply::secret::SecretString;
use recomply::twilio::{TwilioCredentials, signature};
use serde_json::json;

use crate::evidence_pack::{customer_client, get, staff_client_as};
use crate::html::{csrf_token, parse, text};
use crate::lifecycle_support::{Tenant, World, approved_uk_bundle};

/// A second tenant on `first`'s Twilio account (same SID and token), with one customer user.
async fn tenant_on_account_of(world: &World, first: &Tenant, slug: &str) -> Tenant {
    world
        .add_tenant_on_account(slug, first.account_sid.clone(), first.auth_token.clone())
        .await
}

/// Seeds an approved UK bundle on the account with this name and email; returns its SID.
async fn seed(world: &World, tenant: &Tenant, name: &str, email: &str) -> String {
    let mut body = approved_uk_bundle(&tenant.account_sid, name, None, "Head office");
    body["email"] = json!(email);
    let view = world.control("POST", "/bundles", body).await;
    view["sid"].as_str().unwrap().to_owned()
}

async fn rule(world: &World, tenant: &Tenant, kind: BundleScopeKind, value: &str) {
    let scope = BundleScope::parse(kind, value).unwrap();
    shared_accounts::set_scope(&world.db, tenant.tenant_id, &scope)
        .await
        .unwrap();
}

async fn mirrored(world: &World, tenant: &Tenant) -> Vec<String> {
    sqlx::query_scalar("select friendly_name from bundle where tenant_id = $1 order by 1")
        .bind(tenant.tenant_id)
        .fetch_all(&world.db)
        .await
        .unwrap()
}

/// Acme takes the account's "Acme…" bundles, Globex those with Globex's email; one bundle is
/// nobody's and one is claimed by both.
struct SharedWorld {
    world: World,
    acme: Tenant,
    globex: Tenant,
    orphan_sid: String,
    globex_sid: String,
}

async fn shared_world() -> SharedWorld {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    rule(&world, &acme, BundleScopeKind::FriendlyNamePrefix, "Acme").await;
    let globex = tenant_on_account_of(&world, &acme, "globex").await;
    rule(
        &world,
        &globex,
        BundleScopeKind::Email,
        "ops@globex.example",
    )
    .await;
    let acme_sid = seed(&world, &acme, "Acme UK mobile", "ops@acme.example").await;
    let globex_sid = seed(&world, &acme, "Globex UK mobile", "ops@globex.example").await;
    let orphan_sid = seed(&world, &acme, "Initech UK mobile", "it@initech.example").await;
    seed(&world, &acme, "Acme for Globex", "ops@globex.example").await;
    let regulation_sid = world.emulator_bundle(&acme_sid).await.unwrap()["regulation_sid"]
        .as_str()
        .unwrap()
        .to_owned();
    world.require_vat_number(&regulation_sid).await;
    world.sweep(&acme).await;
    world.sweep(&globex).await;
    world.settle().await;
    SharedWorld {
        world,
        acme,
        globex,
        orphan_sid,
        globex_sid,
    }
}

#[tokio::test]
async fn two_tenants_on_one_account_each_renew_only_their_own_bundles() {
    let SharedWorld {
        world,
        acme,
        globex,
        orphan_sid,
        ..
    } = shared_world().await;

    // Each tenant mirrors, and renews, only what its rule takes.
    assert_eq!(mirrored(&world, &acme).await, ["Acme UK mobile"]);
    assert_eq!(mirrored(&world, &globex).await, ["Globex UK mobile"]);
    let renewals: Vec<(TenantId, String)> = sqlx::query_as(
        "select r.tenant_id, b.friendly_name from renewal r join bundle b using (bundle_id)
          order by 2",
    )
    .fetch_all(&world.db)
    .await
    .unwrap();
    assert_eq!(
        renewals,
        [
            (acme.tenant_id, "Acme UK mobile".to_owned()),
            (globex.tenant_id, "Globex UK mobile".to_owned())
        ]
    );

    // The customers see their own bundles only.
    let acme_customer = customer_client(&world, &acme).await;
    let page = get(&world, &acme_customer, "/bundles")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Acme UK mobile"), "{page}");
    assert!(!page.contains("Globex UK mobile") && !page.contains("Initech"));
    let globex_customer = customer_client(&world, &globex).await;
    let page = get(&world, &globex_customer, "/bundles")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Globex UK mobile"), "{page}");
    assert!(!page.contains("Acme UK mobile") && !page.contains("Initech"));

    // Staff see the bundle nobody takes and the one both claim.
    let support = staff_client_as(&world, "sam@isv.example", "support").await;
    let page = get(&world, &support, "/admin/shared-accounts").await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains(&orphan_sid) && page.contains("Initech UK mobile"),
        "{page}"
    );
    assert!(
        page.contains("Claimed by Tenant acme and Tenant globex"),
        "{page}"
    );
    assert!(page.contains("Bundles whose FriendlyName starts with “Acme”"));
    assert!(page.contains("Bundles whose Email is ops@globex.example"));
}

#[tokio::test]
async fn a_bundle_staff_assign_is_renewed_by_its_new_tenant() {
    let SharedWorld {
        world,
        acme,
        globex,
        orphan_sid,
        ..
    } = shared_world().await;
    let support = staff_client_as(&world, "sam@isv.example", "support").await;
    let page = get(&world, &support, "/admin/shared-accounts")
        .await
        .text()
        .await
        .unwrap();

    let assigned = support
        .post(format!("{}/admin/shared-accounts/assign", world.address))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("account_sid", acme.account_sid.as_str()),
            ("bundle_sid", orphan_sid.as_str()),
            ("tenant_id", &globex.tenant_id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(assigned.status(), 303);
    world.settle().await;

    assert_eq!(
        mirrored(&world, &globex).await,
        ["Globex UK mobile", "Initech UK mobile"]
    );
    assert_eq!(mirrored(&world, &acme).await, ["Acme UK mobile"]);
    assert!(world.renewal(&globex, &orphan_sid).await.is_some());
    assert!(world.renewal(&acme, &orphan_sid).await.is_none());
    let page = get(&world, &support, "/admin/shared-accounts")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("is assigned") && !page.contains(&format!("value=\"{orphan_sid}\"")),
        "assigned, it waits no more: {page}"
    );

    // A tenant of another account cannot be given the bundle.
    let stranger = world.add_tenant("stranger").await;
    let refused = support
        .post(format!("{}/admin/shared-accounts/assign", world.address))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("account_sid", acme.account_sid.as_str()),
            ("bundle_sid", orphan_sid.as_str()),
            ("tenant_id", &stranger.tenant_id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 303);
    let page = get(&world, &support, "/admin/shared-accounts")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("That tenant is not on this Twilio account."));
    world.settle().await;
    assert!(mirrored(&world, &stranger).await.is_empty());
}

#[tokio::test]
async fn a_callback_on_a_shared_account_reaches_the_bundles_tenant() {
    let SharedWorld {
        world,
        acme,
        globex,
        globex_sid,
        ..
    } = shared_world().await;
    let params = vec![
        ("AccountSid".to_owned(), acme.account_sid.clone()),
        ("BundleSid".to_owned(), globex_sid.clone()),
        ("Status".to_owned(), "twilio-approved".to_owned()),
    ];
    let url = world.webhook_url();
    let signed = signature::compute(&acme.auth_token, &url, &params);

    let status = world
        .http
        .post(&url)
        .header("X-Twilio-Signature", signed)
        .form(&params)
        .send()
        .await
        .unwrap()
        .status();

    assert_eq!(status, 204);
    let owners: Vec<TenantId> =
        sqlx::query_scalar("select tenant_id from webhook_event where bundle_sid = $1")
            .bind(&globex_sid)
            .fetch_all(&world.db)
            .await
            .unwrap();
    assert_eq!(owners, [globex.tenant_id], "stored as Globex's, not Acme's");
    world.settle().await;
    world.assert_no_failed_jobs().await;
    assert_eq!(mirrored(&world, &acme).await, ["Acme UK mobile"]);
}

#[tokio::test]
async fn the_rule_form_explains_bad_input_beside_the_field_and_keeps_it() {
    let SharedWorld { world, acme, .. } = shared_world().await;
    let admin = staff_client_as(&world, "ada@isv.example", "admin").await;
    let path = format!("/admin/tenants/{}/bundle-rule", acme.tenant_id);
    let form = get(&world, &admin, &path).await;
    assert_eq!(form.status(), 200);
    let form = form.text().await.unwrap();
    assert!(form.contains("value=\"Acme\""), "the current rule is shown");
    let post = |fields: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let url = format!("{}{path}", world.address);
        let csrf = csrf_token(&form);
        async move {
            let mut fields = fields;
            fields.push(("csrf_token", csrf));
            admin.post(url).form(&fields).send().await.unwrap()
        }
    };

    let bad_email = post(vec![
        ("kind", "email".into()),
        ("email", "ops at acme".into()),
    ])
    .await;
    assert_eq!(bad_email.status(), 422);
    let page = parse(&bad_email.text().await.unwrap());
    assert!(text(&page, "#email-error").contains("Enter the email address"));
    assert_eq!(
        crate::html::attr(&page, "#email", "value").as_deref(),
        Some("ops at acme")
    );

    let whole = post(vec![("kind", "account".into())]).await;
    assert_eq!(whole.status(), 422);
    let page = parse(&whole.text().await.unwrap());
    assert!(text(&page, "#kind-error").contains("Other tenants share this Twilio account"));

    let saved = post(vec![
        ("kind", "friendly_name_prefix".into()),
        ("prefix", "Acme UK".into()),
    ])
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        shared_accounts::scope_of(&world.db, acme.tenant_id)
            .await
            .unwrap(),
        BundleScope::FriendlyNamePrefix("Acme UK".into())
    );

    // Support staff may look at shared accounts but not change a tenant's rule.
    let support = staff_client_as(&world, "sam@isv.example", "support").await;
    assert_eq!(get(&world, &support, &path).await.status(), 403);
}

#[tokio::test]
async fn an_account_a_tenant_takes_whole_is_not_shared_by_accident() {
    let world = World::spawn().await;
    let acme = world.add_tenant("acme").await;
    let other = tenants::create_tenant(
        &world.db,
        &NewTenant {
            name: "Other".into(),
            slug: "other".into(),
            support_email: None,
        },
    )
    .await
    .unwrap();
    let credentials = TwilioCredentials::with_auth_token(
        acme.account_sid.clone(),
        SecretString::from(acme.auth_token.clone()),
    );

    let taken = tenants::set_credentials(
        &world.db,
        &world.config.secret_key,
        other.tenant_id,
        &credentials,
    )
    .await;

    assert!(matches!(taken, Err(TenantError::AccountSidTaken)));
    // Once Acme takes only its own bundles, the second tenant joins, taking none until staff
    // choose its rule.
    rule(&world, &acme, BundleScopeKind::FriendlyNamePrefix, "Acme").await;
    tenants::set_credentials(
        &world.db,
        &world.config.secret_key,
        other.tenant_id,
        &credentials,
    )
    .await
    .unwrap();
    assert_eq!(
        shared_accounts::scope_of(&world.db, other.tenant_id)
            .await
            .unwrap(),
        BundleScope::Assigned
    );
}
