//! Tenants: create, edit, credentials (write-only, masked, admins only), users, test, sync.

use recomply::db::tenants::load_credentials;
use recomply::domain::ids::{TenantId, UserId};
use recomply::twilio::Auth;

use crate::harness::{TestApp, spawn_app};
use crate::html::{attr, parse, text, texts};

const AC: &str = "AC0123456789abcdef0123456789abcdef";

async fn create(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.csrf_at(client, "/admin/tenants/new").await;
    let mut form = fields.to_vec();
    form.push(("csrf_token", &csrf));
    app.post_form(client, "/admin/tenants", &form).await
}

#[tokio::test]
async fn an_admin_creates_a_tenant_whose_secrets_are_stored_sealed_and_shown_masked() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    // Act
    let response = create(
        &app,
        &admin,
        &[
            ("name", "Acme Telecom"),
            ("slug", "acme"),
            ("support_email", "help@acme.example"),
            ("account_sid", AC),
            ("auth_token", "token-secret-9876"),
            ("api_key_sid", ""),
            ("api_key_secret", ""),
        ],
    )
    .await;

    // Assert
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let page_html = app.get_with(&admin, &location).await.text().await.unwrap();
    let page = parse(&page_html);
    assert_eq!(text(&page, "h1"), "Acme Telecom");
    assert_eq!(text(&page, "#masked-auth-token"), "••••9876");
    assert!(
        !page_html.contains("token-secret-9876"),
        "the secret is never shown back"
    );
    assert_eq!(attr(&page, "#auth_token", "value").as_deref(), Some(""));
    let tenant_id: TenantId =
        sqlx::query_scalar("select tenant_id from tenant where slug = 'acme'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let stored = load_credentials(&app.db, &app.config.secret_key, tenant_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.account_sid, AC);
    assert!(matches!(stored.auth, Auth::AuthToken(ref t) if t.expose() == "token-secret-9876"));
}

#[tokio::test]
async fn bad_tenant_input_is_flagged_beside_each_field_and_the_rest_is_kept() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    app.seed().tenant("Taken").await;
    sqlx::query("update tenant set slug = 'taken'")
        .execute(&app.db)
        .await
        .unwrap();

    let response = create(
        &app,
        &admin,
        &[
            ("name", "Globex"),
            ("slug", "Not A Slug!"),
            ("support_email", "nope"),
            ("account_sid", "AC123"),
            ("auth_token", "secret-typed"),
            ("api_key_sid", "SK1"),
            ("api_key_secret", ""),
        ],
    )
    .await;
    let taken = create(
        &app,
        &admin,
        &[("name", "Globex"), ("slug", "taken"), ("support_email", "")],
    )
    .await;

    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    let page = parse(&body);
    assert!(text(&page, "#slug-error").contains("lower-case letters"));
    assert!(text(&page, "#support_email-error").contains("correct format"));
    assert!(text(&page, "#account_sid-error").contains("AC followed by 32"));
    assert!(text(&page, "#api_key_sid-error").contains("SK followed by 32"));
    assert_eq!(attr(&page, "#name", "value").as_deref(), Some("Globex"));
    assert_eq!(
        attr(&page, "#slug", "value").as_deref(),
        Some("Not A Slug!")
    );
    assert_eq!(
        attr(&page, "#account_sid", "value").as_deref(),
        Some("AC123")
    );
    assert!(
        !body.contains("secret-typed"),
        "typed secrets are not echoed back"
    );
    assert_eq!(taken.status(), 422);
    assert!(text(&parse(&taken.text().await.unwrap()), "#slug-error").contains("already uses"));
}

#[tokio::test]
async fn editing_a_tenant_keeps_blank_secrets_and_bad_input_keeps_what_was_typed() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let created = create(
        &app,
        &admin,
        &[
            ("name", "Acme"),
            ("slug", "acme"),
            ("account_sid", AC),
            ("auth_token", "tok-1111"),
        ],
    )
    .await;
    let path = created.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let csrf = app.csrf_at(&admin, &path).await;

    let renamed = app
        .post_form(
            &admin,
            &path,
            &[
                ("name", "Acme SA"),
                ("slug", "acme"),
                ("support_email", ""),
                ("account_sid", AC),
                ("auth_token", ""),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    let bad = app
        .post_form(
            &admin,
            &path,
            &[
                ("name", ""),
                ("slug", "acme-2"),
                ("support_email", "x@y.example"),
                ("account_sid", AC),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert_eq!(renamed.status(), 303);
    let page = parse(&app.get_with(&admin, &path).await.text().await.unwrap());
    assert_eq!(text(&page, "h1"), "Acme SA");
    assert_eq!(
        text(&page, "#masked-auth-token"),
        "••••1111",
        "a blank secret keeps the stored one"
    );
    assert_eq!(bad.status(), 422);
    let page = parse(&bad.text().await.unwrap());
    assert_eq!(text(&page, "#name-error"), "Enter the tenant's name");
    assert_eq!(attr(&page, "#slug", "value").as_deref(), Some("acme-2"));
    assert_eq!(
        attr(&page, "#support_email", "value").as_deref(),
        Some("x@y.example")
    );
}

#[tokio::test]
async fn a_support_session_sees_no_credentials_and_cannot_set_them() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let created = create(
        &app,
        &admin,
        &[
            ("name", "Acme"),
            ("slug", "acme"),
            ("account_sid", AC),
            ("auth_token", "tok-1111"),
        ],
    )
    .await;
    let path = created.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let support = app.staff_client("support").await;

    let body = app.get_with(&support, &path).await.text().await.unwrap();
    let csrf = crate::html::csrf_token(&body);
    let other_ac = AC.replace("AC0", "AC9");
    let saved = app
        .post_form(
            &support,
            &path,
            &[
                ("name", "Acme 2"),
                ("slug", "acme"),
                ("account_sid", &other_ac),
                ("auth_token", "evil"),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    let page = parse(&body);
    assert!(text(&page, "#masked-auth-token").is_empty());
    assert!(!body.contains("1111"));
    assert!(
        attr(&page, "#auth_token", "name").is_none(),
        "no credential fields for support"
    );
    assert!(text(&page, "#credentials").contains("Only admins"));
    assert_eq!(saved.status(), 303, "support may edit the details");
    let tenant_id: TenantId = sqlx::query_scalar("select tenant_id from tenant")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let stored = load_credentials(&app.db, &app.config.secret_key, tenant_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.account_sid, AC, "but not the credentials");
}

#[tokio::test]
async fn users_are_added_validated_removed_and_sent_a_sign_in_link() {
    let app = spawn_app().await;
    let admin = app.staff_client("support").await;
    let tenant = app.seed().tenant("Acme").await;
    let path = format!("/admin/tenants/{tenant}");
    let csrf = app.csrf_at(&admin, &path).await;

    let added = app
        .post_form(
            &admin,
            &format!("{path}/users"),
            &[
                ("email", "Camille@Acme.example"),
                ("name", "Camille"),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    let bad = app
        .post_form(
            &admin,
            &format!("{path}/users"),
            &[
                ("email", "camille at acme"),
                ("name", "Camille B"),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    let dup = app
        .post_form(
            &admin,
            &format!("{path}/users"),
            &[
                ("email", "camille@acme.example"),
                ("name", ""),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert_eq!(added.status(), 303);
    assert_eq!(bad.status(), 422);
    let page = parse(&bad.text().await.unwrap());
    assert!(text(&page, "#user_email-error").contains("correct format"));
    assert_eq!(
        attr(&page, "#user_email", "value").as_deref(),
        Some("camille at acme")
    );
    assert_eq!(
        attr(&page, "#user_name", "value").as_deref(),
        Some("Camille B")
    );
    assert!(
        text(&parse(&dup.text().await.unwrap()), "#user_email-error").contains("already a user")
    );
    let user_id: UserId = sqlx::query_scalar("select app_user_id from app_user")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let sent = app
        .post_then_follow(
            &admin,
            &format!("{path}/users/{user_id}/link"),
            &[("csrf_token", &csrf)],
            &format!("{path}#users"),
        )
        .await;
    assert_eq!(sent.status(), 200);
    assert!(
        text(&parse(&sent.text().await.unwrap()), "#notice")
            .contains("on its way to camille@acme.example")
    );
    app.run_jobs().await;
    let links: i64 = sqlx::query_scalar("select count(*) from email_outbox where kind = 'magic_link' and to_address = 'camille@acme.example'")
        .fetch_one(&app.db).await.unwrap();
    assert_eq!(links, 1);

    let removed = app
        .post_form(
            &admin,
            &format!("{path}/users/{user_id}/remove"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(removed.status(), 303);
    let page = parse(&app.get_with(&admin, &path).await.text().await.unwrap());
    assert!(texts(&page, ".users-table td").is_empty());
}

#[tokio::test]
async fn testing_credentials_makes_a_real_call_and_shows_the_result() {
    let (app, emulator) = TestApp::builder().spawn_with_emulator().await;
    let account = emulator.create_account("Acme");
    let admin = app.staff_client("admin").await;
    let good = create(
        &app,
        &admin,
        &[
            ("name", "Acme"),
            ("slug", "acme"),
            ("account_sid", &account.account_sid),
            ("auth_token", &account.auth_token),
        ],
    )
    .await;
    let good_path = good.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    // Wrong credentials cannot be saved through the form any more: they are stored directly,
    // as if Twilio had revoked a token after it was saved.
    let bad = create(&app, &admin, &[("name", "Wrong"), ("slug", "wrong")]).await;
    let bad_path = bad.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let bad_id: TenantId = bad_path.rsplit('/').next().unwrap().parse().unwrap();
    let wrong = recomply::twilio::TwilioCredentials::with_auth_token(AC, "wrong-token".into());
    recomply::db::tenants::set_credentials(&app.db, &app.config.secret_key, bad_id, &wrong)
        .await
        .unwrap();
    let csrf = app.csrf_at(&admin, &good_path).await;
    let before = emulator.request_count();

    let ok = app
        .post_then_follow(
            &admin,
            &format!("{good_path}/test"),
            &[("csrf_token", &csrf)],
            &good_path,
        )
        .await;
    let ok = parse(&ok.text().await.unwrap());
    let after_ok = emulator.request_count();
    let reload = parse(&app.get_with(&admin, &good_path).await.text().await.unwrap());
    let after_reload = emulator.request_count();
    let refused = app
        .post_then_follow(
            &admin,
            &format!("{bad_path}/test"),
            &[("csrf_token", &csrf)],
            &bad_path,
        )
        .await;

    assert!(text(&ok, "#notice").contains("Twilio accepted the credentials"));
    assert!(text(&parse(&refused.text().await.unwrap()), "#notice").contains("Twilio refused"));
    assert!(
        emulator.request_count() >= before + 2,
        "both tests reached the emulator"
    );
    assert!(after_ok > before, "the test reached the emulator");
    assert_eq!(after_reload, after_ok, "a reload calls Twilio no more");
    assert!(
        texts(&reload, "#notice").is_empty(),
        "the notice is shown once"
    );
}

#[tokio::test]
async fn sync_now_enqueues_a_sweep_whose_status_the_tenant_page_shows() {
    let app = spawn_app().await;
    let staff = app.staff_client("support").await;
    let tenant = app.seed().tenant("Acme").await;
    let path = format!("/admin/tenants/{tenant}");
    let csrf = app.csrf_at(&staff, &path).await;

    let response = app
        .post_form(&staff, &format!("{path}/sync"), &[("csrf_token", &csrf)])
        .await;

    assert_eq!(response.status(), 303);
    let jobs: i64 = sqlx::query_scalar("select count(*) from job where kind = 'sweep_tenant' and tenant_id = $1 and status = 'pending'")
        .bind(tenant).fetch_one(&app.db).await.unwrap();
    assert_eq!(jobs, 1);
    let body = app
        .get_with(&staff, response.headers()["location"].to_str().unwrap())
        .await
        .text()
        .await
        .unwrap();
    let page = parse(&body);
    assert_eq!(text(&page, "#sweep-state"), "pending");
    assert!(text(&page, "#notice").contains("Sync queued"));
    assert!(
        !body.contains("http-equiv=\"refresh\""),
        "no meta refresh: it would wipe what staff are typing"
    );
    let fragment_path = format!("{path}/sweep-status");
    let live = page
        .select(&crate::html::selector("#sweep-status"))
        .next()
        .expect("the sweep facts are one fragment");
    assert_eq!(
        live.value().attr("data-live-src"),
        Some(fragment_path.as_str())
    );

    // The fragment alone follows the sweep and stops asking to be polled when it is done.
    sqlx::query("update job set status = 'done' where kind = 'sweep_tenant' and tenant_id = $1")
        .bind(tenant)
        .execute(&app.db)
        .await
        .unwrap();
    let fragment = app.get_with(&staff, &fragment_path).await;
    assert_eq!(fragment.status(), 200);
    let fragment = parse(&fragment.text().await.unwrap());
    assert_eq!(text(&fragment, "#sweep-state"), "done");
    let done = fragment
        .select(&crate::html::selector("#sweep-status"))
        .next()
        .unwrap();
    assert_eq!(
        done.value().attr("data-live-src"),
        None,
        "a finished sweep is not polled"
    );
}

#[tokio::test]
async fn credentials_twilio_refuses_are_not_saved_and_the_form_says_why() {
    let (app, emulator) = TestApp::builder().spawn_with_emulator().await;
    let account = emulator.create_account("Acme");
    let admin = app.staff_client("admin").await;

    let refused = create(
        &app,
        &admin,
        &[
            ("name", "Acme"),
            ("slug", "acme"),
            ("account_sid", &account.account_sid),
            ("auth_token", "typed-wrong-token"),
        ],
    )
    .await;

    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    let page = parse(&body);
    assert!(text(&page, "#auth_token-error").contains("Twilio refused"));
    assert_eq!(attr(&page, "#name", "value").as_deref(), Some("Acme"));
    assert_eq!(
        attr(&page, "#account_sid", "value").as_deref(),
        Some(account.account_sid.as_str())
    );
    assert!(
        !body.contains("typed-wrong-token"),
        "the token is not echoed"
    );
    let tenants: i64 = sqlx::query_scalar("select count(*) from tenant")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(tenants, 0, "nothing is saved");

    // The right token saves; then a wrong one on edit is refused and the stored one kept.
    let saved = create(
        &app,
        &admin,
        &[
            ("name", "Acme"),
            ("slug", "acme"),
            ("account_sid", &account.account_sid),
            ("auth_token", &account.auth_token),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let path = saved.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let csrf = app.csrf_at(&admin, &path).await;
    let edit = app
        .post_form(
            &admin,
            &path,
            &[
                ("name", "Acme SA"),
                ("slug", "acme"),
                ("account_sid", &account.account_sid),
                ("auth_token", "another-wrong-one"),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(edit.status(), 422);
    let edit_page = parse(&edit.text().await.unwrap());
    assert!(text(&edit_page, "#auth_token-error").contains("Twilio refused"));
    assert_eq!(
        attr(&edit_page, "#name", "value").as_deref(),
        Some("Acme SA")
    );
    let tenant_id: TenantId = path.rsplit('/').next().unwrap().parse().unwrap();
    let stored = load_credentials(&app.db, &app.config.secret_key, tenant_id)
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(stored.auth, Auth::AuthToken(ref t) if t.expose() == account.auth_token));
    let name: String = sqlx::query_scalar("select name from tenant")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(name, "Acme", "nothing of the refused edit is saved");
}

#[tokio::test]
async fn credentials_saved_while_twilio_is_unreachable_are_flagged_not_verified() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/tenants/new").await;

    let saved = app
        .post_form(
            &admin,
            "/admin/tenants",
            &[
                ("name", "Acme"),
                ("slug", "acme"),
                ("account_sid", AC),
                ("auth_token", "tok-1111"),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert_eq!(saved.status(), 303);
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    let page = parse(&app.get_with(&admin, &location).await.text().await.unwrap());
    assert!(text(&page, "#notice").contains("not verified"));
    assert_eq!(text(&page, "#masked-auth-token"), "••••1111");
}
