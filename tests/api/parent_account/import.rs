//! Bulk import rows whose `auth_token` cell says `parent`: the tenant is created at confirm and
//! its own credentials are fetched from Twilio through the parent account by a durable job; a
//! row naming an account that is not a discovered subaccount is refused in the preview.

use super::Setup;
use crate::bulk_import::{confirm, preview, row_error};

const NOT_OURS: &str = "AC99999999999999999999999999999999";

#[tokio::test]
async fn an_import_row_from_the_parent_account_gets_the_subaccounts_own_credentials() {
    // Arrange
    let (setup, sids) = Setup::with_subaccounts(&["Acme", "Globex"]).await;
    setup.connect().await;
    setup.discover().await;
    let file = format!(
        "slug,name,account_sid,auth_token\n\
         acme,Acme Telecom,{},parent\n\
         ghost,Ghost Co,{NOT_OURS},parent\n",
        sids[0]
    );

    // Act
    let (path, page) = preview(&setup.app, &setup.admin, "tenants", &file).await;
    assert_eq!(
        row_error(&page, 3),
        "account_sid: not a subaccount of the connected parent account (if it is new, run \
         \u{201c}Discover subaccounts\u{201d} on the parent account page first)"
    );
    assert_eq!(row_error(&page, 2), "");
    confirm(&setup.app, &setup.admin, &path).await;
    let before_jobs = setup.tenant_count().await;
    setup.app.run_jobs().await;

    // Assert: Acme exists with its own token; the bad row changed nothing.
    assert_eq!(before_jobs, 1);
    assert_eq!(setup.tenant_count().await, 1);
    let (tenant, token) = setup
        .tenant_of(&sids[0])
        .await
        .expect("acme has credentials");
    assert_eq!(tenant.slug, "acme");
    assert_eq!(tenant.name, "Acme Telecom");
    assert_eq!(token, setup.token_of(&sids[0]).await);
    let ghost = recomply::db::tenants::find_tenant_by_slug(&setup.app.db, "ghost")
        .await
        .unwrap();
    assert!(ghost.is_none());
    let page = setup.page().await;
    assert!(
        page.contains("Acme Telecom"),
        "the page shows the subaccount as a tenant"
    );
}

#[tokio::test]
async fn an_import_row_naming_a_closed_subaccount_is_refused_in_the_preview() {
    let (setup, sids) = Setup::with_subaccounts(&["Acme"]).await;
    super::set_status(&setup.emulator, &setup.parent, &sids[0], "closed").await;
    setup.connect().await;
    setup.discover().await;
    let file = format!(
        "slug,name,account_sid,auth_token\nacme,Acme,{},parent\n",
        sids[0]
    );

    let (_, page) = preview(&setup.app, &setup.admin, "tenants", &file).await;

    assert_eq!(
        row_error(&page, 2),
        "account_sid: this subaccount is closed at Twilio"
    );
    assert_eq!(setup.tenant_count().await, 0);
}
