//! The staff console's menu, wording and the tenant's email addresses as they are used.

use crate::harness::spawn_app;
use crate::html::{attr, parse, text, texts};

#[tokio::test]
async fn the_menu_keeps_daily_pages_in_view_and_groups_the_rest() {
    let app = spawn_app().await;
    let admin = app.staff_client("admin").await;
    let support = app.staff_client("support").await;

    let as_admin = parse(
        &app.get_with(&admin, "/admin/jobs")
            .await
            .text()
            .await
            .unwrap(),
    );
    let as_support = parse(&app.get_with(&support, "/admin").await.text().await.unwrap());

    assert_eq!(
        texts(&as_admin, ".admin-menu-body > a"),
        [
            "Dashboard",
            "Renewals",
            "Bundles",
            "Regulations",
            "Tenants",
            "Parent account"
        ]
    );
    assert_eq!(
        texts(&as_support, ".admin-menu-body > a"),
        ["Dashboard", "Renewals", "Bundles", "Regulations", "Tenants"],
        "the parent account is for admins"
    );
    assert_eq!(
        texts(&as_admin, "#nav-activity .nav-group-items a"),
        ["Emails", "Webhooks", "Jobs", "Events"]
    );
    assert_eq!(
        texts(&as_support, "#nav-activity .nav-group-items a"),
        ["Emails", "Webhooks", "Jobs"],
        "event endpoints are for admins"
    );
    assert_eq!(
        texts(&as_admin, "#nav-settings .nav-group-items a"),
        [
            "Staff",
            "API keys",
            "Hand-off",
            "Brand",
            "Sign-ins",
            "Import",
            "Two-factor"
        ]
    );
    assert_eq!(
        attr(&as_admin, "#nav-activity summary", "class").as_deref(),
        Some("has-current"),
        "the group of the current page is marked"
    );
    assert_eq!(
        attr(
            &as_admin,
            "#nav-activity a[href='/admin/jobs']",
            "aria-current"
        )
        .as_deref(),
        Some("page")
    );
    assert_eq!(
        texts(&as_support, "#nav-settings .nav-group-items a"),
        ["Two-factor"],
        "support staff see no admin settings"
    );
    assert_eq!(
        attr(&as_support, "#nav-settings summary", "class").as_deref(),
        Some("")
    );
    assert!(text(&as_support, ".staff-name").contains("Sam Support"));
}

#[tokio::test]
async fn the_state_filter_uses_staff_words() {
    let app = spawn_app().await;
    let staff = app.staff_client("support").await;

    let page = parse(
        &app.get_with(&staff, "/admin/renewals")
            .await
            .text()
            .await
            .unwrap(),
    );

    let options = texts(&page, "#state option");
    assert!(
        options.contains(&"Waiting for the customer (collecting)".to_owned()),
        "{options:?}"
    );
    assert!(options.iter().all(|o| !o.contains("your")), "{options:?}");
}

#[tokio::test]
async fn the_tenant_page_shows_where_its_emails_go_and_in_which_language() {
    // Arrange: Acme writes French by default; one user picked German.
    let app = spawn_app().await;
    let seed = app.seed();
    let acme = seed.tenant("Acme").await;
    let other = seed.tenant("Globex").await;
    sqlx::query("update tenant set default_locale = 'fr', support_email = 'help@acme.example' where tenant_id = $1")
        .bind(acme)
        .execute(&app.db)
        .await
        .unwrap();
    for (tenant, email, locale) in [
        (acme, "ann@acme.example", None),
        (acme, "dieter@acme.example", Some("de")),
        (other, "gus@globex.example", Some("es")),
    ] {
        sqlx::query("insert into app_user (tenant_id, email, locale) values ($1, $2, $3)")
            .bind(tenant)
            .bind(email)
            .bind(locale)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let staff = app.staff_client("support").await;

    // Act
    let page = parse(
        &app.get_with(&staff, &format!("/admin/tenants/{acme}"))
            .await
            .text()
            .await
            .unwrap(),
    );

    // Assert
    assert_eq!(
        texts(&page, ".users-table .email-language"),
        ["Français", "Deutsch"]
    );
    assert_eq!(text(&page, "#renewal-email-recipients"), "2 users (below)");
    assert_eq!(text(&page, "#tenant-support-email"), "help@acme.example");
    assert!(
        !texts(&page, ".users-table")
            .concat()
            .contains("gus@globex.example")
    );
}

/// Every date in an admin table cell is kept on one line (`class="when"`), so a narrow column
/// never breaks "2026-12-01" in the middle.
#[test]
fn dates_in_admin_tables_never_break_in_the_middle() {
    fn templates(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                templates(&path, found);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    templates(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/admin"),
        &mut files,
    );
    let mut breaking = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let dated = ["fmt::when(", "fmt::when_opt(", "fmt::date_opt("]
                .iter()
                .any(|f| line.contains(f));
            if line.contains("<td") && dated && !line.contains("class=\"when") {
                breaking.push(format!("{}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(breaking.is_empty(), "{}", breaking.join("\n"));
}
