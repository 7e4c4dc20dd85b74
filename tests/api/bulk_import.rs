//! Bulk import of tenants and users from CSV: a preview of every row before anything changes,
//! one confirm that applies once, exports that import back unchanged.

use crate::harness::{TestApp, spawn_app};
use crate::html::{attr, parse, text, texts};
use reqwest::multipart::{Form, Part};

const AC1: &str = "AC11111111111111111111111111111111";
const AC2: &str = "AC22222222222222222222222222222222";
const TOKEN1: &str = "tok-one-9f8e7d6c5b4a";
const TOKEN2: &str = "tok-two-1a2b3c4d5e6f";

/// Uploads `body` as the `kind` (`tenants` / `users`) file, as `staff` with `csrf`.
async fn upload(
    app: &TestApp,
    staff: &reqwest::Client,
    csrf: &str,
    kind: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    let part = Part::bytes(body)
        .file_name(format!("{kind}.csv"))
        .mime_str("text/csv")
        .unwrap();
    let form = Form::new()
        .text("csrf_token", csrf.to_owned())
        .part("file", part);
    staff
        .post(format!("{}/admin/import/{kind}", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Uploads `body` and follows to its preview: (preview path, preview HTML).
pub async fn preview(
    app: &TestApp,
    staff: &reqwest::Client,
    kind: &str,
    body: &str,
) -> (String, String) {
    let csrf = app.csrf_at(staff, "/admin/import").await;
    let response = upload(app, staff, &csrf, kind, body.as_bytes().to_vec()).await;
    assert_eq!(
        response.status(),
        303,
        "an accepted file goes to its preview"
    );
    let path = response.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get_with(staff, &path).await;
    assert_eq!(page.status(), 200);
    (path, page.text().await.unwrap())
}

/// The confirm form's fields on the preview at `path`: (csrf_token, plan).
async fn confirm_fields(app: &TestApp, staff: &reqwest::Client, path: &str) -> (String, String) {
    let page = parse(&app.get_with(staff, path).await.text().await.unwrap());
    let field = |name: &str| {
        attr(&page, &format!("#confirm-form input[name={name}]"), "value").expect("a confirm form")
    };
    (field("csrf_token"), field("plan"))
}

/// Confirms the import at `path`; the page shown after.
pub async fn confirm(app: &TestApp, staff: &reqwest::Client, path: &str) -> String {
    let (csrf, plan) = confirm_fields(app, staff, path).await;
    let confirm = format!("{path}/confirm");
    let form = [("csrf_token", csrf.as_str()), ("plan", plan.as_str())];
    app.post_then_follow(staff, &confirm, &form, path)
        .await
        .text()
        .await
        .unwrap()
}

/// The action shown on the row of `line`.
fn action(page: &str, line: u64) -> String {
    text(&parse(page), &format!("tr[data-line='{line}'] .badge"))
}

/// The error shown beside the row of `line`.
pub fn row_error(page: &str, line: u64) -> String {
    text(&parse(page), &format!("tr[data-line='{line}'] .row-error"))
}

async fn tenant_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from tenant")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn tenant_by_slug(app: &TestApp, slug: &str) -> recomply::db::tenants::Tenant {
    recomply::db::tenants::find_tenant_by_slug(&app.db, slug)
        .await
        .unwrap()
        .expect("the tenant exists")
}

fn tenants_file() -> String {
    format!(
        "slug,name,support_email,default_locale,account_sid,auth_token\r\n\
         acme,Acme Telecom,help@acme.example,fr,{AC1},{TOKEN1}\r\n\
         beta,Beta Mobile,,,{AC2},{TOKEN2}\r\n"
    )
}

#[tokio::test]
async fn a_preview_with_a_bad_row_shows_the_error_beside_it_and_changes_nothing() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let file = format!(
        "slug,name,account_sid,auth_token\n\
         good,Good Co,{AC1},{TOKEN1}\n\
         Bad Slug!,Bad Co,AC123,{TOKEN2}\n"
    );

    // Act
    let (_, page) = preview(&app, &admin, "tenants", &file).await;

    // Assert
    assert_eq!(action(&page, 2), "Create");
    assert_eq!(action(&page, 3), "Error");
    let error = row_error(&page, 3);
    assert!(error.contains("slug: Use lower-case letters"), "{error}");
    assert!(
        error.contains("account_sid: The account SID is AC followed by 32"),
        "{error}"
    );
    assert_eq!(row_error(&page, 2), "", "the good row has no error");
    assert!(text(&parse(&page), "#counts").contains("1 to create"));
    assert_eq!(tenant_count(&app).await, 0, "a preview writes nothing");
}

#[tokio::test]
async fn confirm_creates_the_tenants_with_sealed_credentials_once_and_a_reimport_is_unchanged() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let (path, page) = preview(&app, &admin, "tenants", &tenants_file()).await;
    assert_eq!(texts(&parse(&page), "tbody .badge"), ["Create", "Create"]);

    // Act: two confirms at once (a double click), then a third after.
    let (csrf, plan) = confirm_fields(&app, &admin, &path).await;
    let form = [("csrf_token", csrf.as_str()), ("plan", plan.as_str())];
    let confirm_path = format!("{path}/confirm");
    let (first, second) = tokio::join!(
        app.post_form(&admin, &confirm_path, &form),
        app.post_form(&admin, &confirm_path, &form)
    );
    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (303, 303)
    );
    let again = app.post_form(&admin, &confirm_path, &form).await;
    let applied = app.get_with(&admin, &path).await.text().await.unwrap();

    // Assert
    assert!(text(&parse(&applied), "#notice").contains("2 created"));
    assert_eq!(again.status(), 303, "a second confirm is answered calmly");
    assert_eq!(tenant_count(&app).await, 2, "applied once");
    let acme = tenant_by_slug(&app, "acme").await;
    assert_eq!(acme.name, "Acme Telecom");
    assert_eq!(acme.support_email.as_deref(), Some("help@acme.example"));
    assert_eq!(acme.default_locale.code(), "fr");
    let stored =
        recomply::db::tenants::load_credentials(&app.db, &app.config.secret_key, acme.tenant_id)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(stored.account_sid, AC1);
    let sealed: Vec<u8> =
        sqlx::query_scalar("select twilio_credentials from tenant where slug = 'acme'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(!sealed.windows(TOKEN1.len()).any(|w| w == TOKEN1.as_bytes()));

    // A re-import of the same file: every row unchanged, nothing to confirm.
    let before = tenant_by_slug(&app, "acme").await.updated_at;
    let (_, reimport) = preview(&app, &admin, "tenants", &tenants_file()).await;
    assert_eq!(
        texts(&parse(&reimport), "tbody .badge"),
        ["Unchanged", "Unchanged"]
    );
    assert!(text(&parse(&reimport), "#nothing").contains("Nothing to import"));
    assert_eq!(tenant_by_slug(&app, "acme").await.updated_at, before);
}

#[tokio::test]
async fn tokens_are_never_shown_in_the_preview_nor_stored_in_clear() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    let (_, page) = preview(&app, &admin, "tenants", &tenants_file()).await;

    assert!(!page.contains(TOKEN1) && !page.contains(TOKEN2));
    assert_eq!(
        text(&parse(&page), "tr[data-line='2'] .row-note"),
        "token provided"
    );
    assert_eq!(
        text(&parse(&page), "tr[data-line='3'] td.mono"),
        "beta",
        "CRLF lines counted"
    );
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("select rows_sealed from bulk_import")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0]
            .windows(TOKEN1.len())
            .any(|w| w == TOKEN1.as_bytes())
    );
}

#[tokio::test]
async fn an_existing_tenant_is_updated_only_where_the_file_differs_and_keeps_its_token() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let (path, _) = preview(&app, &admin, "tenants", &tenants_file()).await;
    confirm(&app, &admin, &path).await;
    let file = format!("slug,name,account_sid,auth_token\nacme,Acme Renamed,{AC1},\n");

    // Act
    let (path, page) = preview(&app, &admin, "tenants", &file).await;
    let detail = text(&parse(&page), "tr[data-line='2'] .row-detail");
    confirm(&app, &admin, &path).await;

    // Assert
    assert_eq!(action(&page, 2), "Update");
    assert_eq!(detail, "Changes name");
    let acme = tenant_by_slug(&app, "acme").await;
    assert_eq!(acme.name, "Acme Renamed");
    assert_eq!(acme.support_email.as_deref(), Some("help@acme.example"));
    let stored =
        recomply::db::tenants::load_credentials(&app.db, &app.config.secret_key, acme.tenant_id)
            .await
            .unwrap()
            .unwrap();
    let recomply::twilio::Auth::AuthToken(token) = &stored.auth else {
        panic!("an auth token is stored");
    };
    assert_eq!(token.expose(), TOKEN1, "a blank token keeps the stored one");
}

#[tokio::test]
async fn the_tenants_and_users_exports_import_back_unchanged() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let (path, _) = preview(&app, &admin, "tenants", &tenants_file()).await;
    confirm(&app, &admin, &path).await;
    let users =
        "tenant,email,name,language\nacme,ann@acme.example,-Ann,de\nbeta,bob@beta.example,,\n";
    let (path, _) = preview(&app, &admin, "users", users).await;
    confirm(&app, &admin, &path).await;

    // Act
    let tenants_csv = app.get_with(&admin, "/admin/tenants.csv").await;
    assert_eq!(tenants_csv.status(), 200);
    let tenants_csv = tenants_csv.text().await.unwrap();
    let users_csv = app
        .get_with(&admin, "/admin/users.csv")
        .await
        .text()
        .await
        .unwrap();
    let (_, tenants_page) = preview(&app, &admin, "tenants", &tenants_csv).await;
    let (_, users_page) = preview(&app, &admin, "users", &users_csv).await;

    // Assert
    assert!(tenants_csv.starts_with(
        "slug,name,display_name,support_email,default_locale,time_zone,account_sid,auth_token\r\n"
    ));
    assert!(!tenants_csv.contains(TOKEN1), "tokens are never exported");
    assert!(
        users_csv.contains("'-Ann"),
        "the export guards against formulas"
    );
    assert_eq!(
        texts(&parse(&tenants_page), "tbody .badge"),
        ["Unchanged", "Unchanged"]
    );
    assert_eq!(
        texts(&parse(&users_page), "tbody .badge"),
        ["Unchanged", "Unchanged"]
    );
}

#[tokio::test]
async fn a_users_row_only_ever_reaches_the_tenant_it_names() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let seed = app.seed();
    let a = seed.tenant("Alpha").await;
    let b = seed.tenant("Bravo").await;
    let slug_a = recomply::db::tenants::get_tenant(&app.db, a)
        .await
        .unwrap()
        .unwrap()
        .slug;
    recomply::db::users::add_user(&app.db, b, "same@x.example", "In B")
        .await
        .unwrap();
    let file = format!(
        "Tenant,EMAIL,Name,Language\n{slug_a},same@x.example,In A,es\nnobody,zed@x.example,Zed,\n"
    );

    // Act
    let (path, page) = preview(&app, &admin, "users", &file).await;
    confirm(&app, &admin, &path).await;

    // Assert
    assert_eq!(
        action(&page, 2),
        "Create",
        "B's user of that address is not A's"
    );
    assert_eq!(
        row_error(&page, 3),
        "tenant: no tenant has the slug “nobody”"
    );
    let in_a = recomply::db::users::list_users(&app.db, a).await.unwrap();
    let in_b = recomply::db::users::list_users(&app.db, b).await.unwrap();
    assert_eq!(in_a.len(), 1);
    assert_eq!(in_a[0].name, "In A");
    assert_eq!(in_b.len(), 1);
    assert_eq!(in_b[0].name, "In B", "B's user is untouched");
    let count: i64 =
        sqlx::query_scalar("select count(*) from app_user where email = 'zed@x.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_parent_account_row_says_where_its_credentials_would_come_from() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;

    let (_, page) = preview(
        &app,
        &admin,
        "tenants",
        "slug,name,auth_token\nsub,Sub Co,parent\n",
    )
    .await;

    assert_eq!(
        text(&parse(&page), "tr[data-line='2'] .row-note"),
        "credentials will be fetched from the parent account"
    );
    assert_eq!(
        row_error(&page, 2),
        "auth_token: no parent account is connected"
    );
    assert_eq!(tenant_count(&app).await, 0);
}

#[tokio::test]
async fn bad_files_are_refused_with_a_message_beside_the_file_field() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let csrf = app.csrf_at(&admin, "/admin/import").await;
    let png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00];
    let big = format!("slug,name\n{}", "a,b\n".repeat(700_000)).into_bytes();
    let cases: [(&str, Vec<u8>, u16, &str); 4] = [
        (
            "tenants",
            b"slug,title\na,b\n".to_vec(),
            422,
            "Unknown column “title”",
        ),
        (
            "users",
            b"email,name\na@b.example,A\n".to_vec(),
            422,
            "no “tenant” column",
        ),
        ("tenants", png, 422, "not CSV text in UTF-8"),
        ("tenants", big, 413, "larger than 2 MB"),
    ];

    for (kind, body, status, message) in cases {
        let response = upload(&app, &admin, &csrf, kind, body).await;
        assert_eq!(response.status(), status, "{message}");
        let page = parse(&response.text().await.unwrap());
        let shown = text(&page, &format!("#{kind}-file-error"));
        assert!(shown.contains(message), "{shown}");
    }
    let stored: i64 = sqlx::query_scalar("select count(*) from bulk_import")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn only_admins_import_and_every_post_needs_the_csrf_token() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let support = app.staff_client("support").await;
    let support_csrf = app.csrf_at(&support, "/admin").await;

    // Act
    let page = app.get_with(&support, "/admin/import").await;
    let by_support = upload(
        &app,
        &support,
        &support_csrf,
        "tenants",
        tenants_file().into(),
    )
    .await;
    let forged = upload(&app, &admin, "forged", "tenants", tenants_file().into()).await;
    let (path, _) = preview(&app, &admin, "tenants", &tenants_file()).await;
    let forged_confirm = app
        .post_form(
            &admin,
            &format!("{path}/confirm"),
            &[("csrf_token", "forged")],
        )
        .await;
    let other_admin = app.staff_client("admin").await;
    let not_theirs = app.get_with(&other_admin, &path).await;

    // Assert
    assert_eq!(page.status(), 403);
    assert_eq!(by_support.status(), 403);
    assert_eq!(forged.status(), 403);
    assert_eq!(forged_confirm.status(), 403);
    assert_eq!(not_theirs.status(), 404, "an upload is its uploader's");
    assert_eq!(tenant_count(&app).await, 0);
    let tenants = parse(
        &app.get_with(&admin, "/admin/tenants")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(
        attr(&tenants, "#import-link", "href").as_deref(),
        Some("/admin/import")
    );
}

#[tokio::test]
async fn a_confirm_applies_nothing_when_the_data_changed_since_its_preview() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let (path, _) = preview(&app, &admin, "tenants", &tenants_file()).await;
    let (csrf, plan) = confirm_fields(&app, &admin, &path).await;
    sqlx::query("insert into tenant (name, slug) values ('Someone Else', 'beta')")
        .execute(&app.db)
        .await
        .unwrap();

    // Act
    let form = [("csrf_token", csrf.as_str()), ("plan", plan.as_str())];
    let response = app
        .post_form(&admin, &format!("{path}/confirm"), &form)
        .await;

    // Assert
    assert_eq!(response.status(), 409);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("changed since this preview")
    );
    assert_eq!(tenant_count(&app).await, 1, "acme was not created either");
    let page = app.get_with(&admin, &path).await.text().await.unwrap();
    assert_eq!(
        action(&page, 3),
        "Update",
        "the preview shows the rows as they are now"
    );
}
