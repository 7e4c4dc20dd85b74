//! Staff two-factor sign-in: enrolment with a QR code, the code step, recovery codes,
//! replays, turning it off, and the admin requirement.

use totp_rs::{Algorithm, TOTP};

use super::create_staff;
use crate::harness::{TestApp, client, spawn_app, spawn_app_with};
use crate::html::{attr, csrf_token, parse, text, texts};

const ADA: &str = "ada@isv.example";

/// The code an authenticator app shows `offset` seconds from now.
fn code_at(secret: &[u8], offset: i64) -> String {
    let totp = TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        30,
        secret.to_vec(),
        None,
        String::new(),
    )
    .unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp() + offset;
    totp.generate(now as u64)
}

/// A code of the same shape that is not the right one.
fn wrong_code(secret: &[u8]) -> String {
    let right: u32 = code_at(secret, 0).parse().unwrap();
    format!("{:06}", (right + 500_000) % 1_000_000)
}

struct Enrolled {
    secret: Vec<u8>,
    /// The code that confirmed the enrolment.
    first_code: String,
    recovery_codes: Vec<String>,
}

/// Sets up two-factor for the staff member signed in (or pending) in `staff`.
async fn enrol(app: &TestApp, staff: &reqwest::Client) -> Enrolled {
    let csrf = app.csrf_at(staff, "/admin/two-factor").await;
    let started = app
        .post_form(staff, "/admin/two-factor/start", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(started.status(), 303);
    let page = parse(
        &app.get_with(staff, "/admin/two-factor")
            .await
            .text()
            .await
            .unwrap(),
    );
    let qr = attr(&page, "#totp-qr", "src").expect("a QR code");
    assert!(qr.starts_with("data:image/svg+xml;base64,"));
    let secret_text = text(&page, "#totp-secret");
    let secret = totp_rs::Secret::Encoded(secret_text).to_bytes().unwrap();
    let csrf = attr(&page, "input[name=csrf_token]", "value").unwrap();
    let first_code = code_at(&secret, 0);
    let confirmed = app
        .post_form(
            staff,
            "/admin/two-factor/confirm",
            &[("code", &first_code), ("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let page = parse(&confirmed.text().await.unwrap());
    let recovery_codes = texts(&page, ".recovery-codes code");
    assert_eq!(recovery_codes.len(), 10);
    Enrolled {
        secret,
        first_code,
        recovery_codes,
    }
}

/// An admin with two-factor on, and a fresh browser after the password step.
async fn at_code_step(app: &TestApp) -> (Enrolled, reqwest::Client) {
    create_staff(&app.db, ADA, "Ada", "admin").await;
    let first = client();
    app.staff_login(&first, ADA).await;
    let enrolled = enrol(app, &first).await;
    let browser = client();
    let password = app.staff_login(&browser, ADA).await;
    assert_eq!(password.status(), 303);
    assert_eq!(password.headers()["location"], "/admin/login/code");
    (enrolled, browser)
}

async fn send_code(app: &TestApp, browser: &reqwest::Client, code: &str) -> reqwest::Response {
    let csrf = app.csrf_at(browser, "/admin/login/code").await;
    app.post_form(
        browser,
        "/admin/login/code",
        &[("code", code), ("csrf_token", &csrf)],
    )
    .await
}

async fn outcomes(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("select outcome from staff_sign_in order by staff_sign_in_id")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn after_enrolment_signing_in_takes_the_password_then_a_current_code() {
    let app = spawn_app().await;
    let (enrolled, browser) = at_code_step(&app).await;
    assert_eq!(
        app.get_with(&browser, "/admin").await.headers()["location"],
        "/admin/login",
        "the password alone does not sign in"
    );
    let page = parse(
        &app.get_with(&browser, "/admin/login/code")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(text(&page, "#signing-in-as"), ADA);
    let token_before = csrf_token(&page.html());

    // Act: the next code (the enrolment used the current one).
    let response = send_code(&app, &browser, &code_at(&enrolled.secret, 30)).await;

    // Assert
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/admin");
    assert_eq!(app.get_with(&browser, "/admin").await.status(), 200);
    let token_after = app.csrf_at(&browser, "/admin").await;
    assert_ne!(
        token_before, token_after,
        "the CSRF token is replaced at sign-in"
    );
    assert_eq!(outcomes(&app).await.last().unwrap(), "signed_in");
    let staff = parse(
        &app.get_with(&browser, "/admin/staff")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(texts(&staff, "td.two-factor"), ["On"]);
    let sealed: Vec<u8> = sqlx::query_scalar("select secret_sealed from staff_totp")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        !sealed
            .windows(enrolled.secret.len())
            .any(|w| w == enrolled.secret),
        "the secret is not stored in clear"
    );
}

#[tokio::test]
async fn a_wrong_code_is_refused_beside_the_field_and_the_address_is_kept() {
    let app = spawn_app().await;
    let (enrolled, browser) = at_code_step(&app).await;

    let response = send_code(&app, &browser, &wrong_code(&enrolled.secret)).await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#code-error").contains("That code is not right"));
    assert_eq!(text(&page, "#signing-in-as"), ADA);
    assert_eq!(app.get_with(&browser, "/admin").await.status(), 303);
    assert_eq!(outcomes(&app).await.last().unwrap(), "second_factor_failed");
    let again = send_code(&app, &browser, &code_at(&enrolled.secret, 30)).await;
    assert_eq!(
        again.status(),
        429,
        "a wrong code is throttled like a wrong password"
    );
}

#[tokio::test]
async fn a_code_already_used_is_refused() {
    let app = spawn_app().await;
    let (enrolled, browser) = at_code_step(&app).await;

    // The enrolment accepted the current code: it cannot sign in again.
    let response = send_code(&app, &browser, &enrolled.first_code).await;

    assert_eq!(response.status(), 422);
    let page = parse(&response.text().await.unwrap());
    assert!(text(&page, "#code-error").contains("already used"));
    assert_eq!(app.get_with(&browser, "/admin").await.status(), 303);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once() {
    let app = spawn_app().await;
    let (enrolled, browser) = at_code_step(&app).await;
    let recovery = enrolled.recovery_codes[3].to_uppercase();

    let first = send_code(&app, &browser, &recovery).await;

    assert_eq!(first.status(), 303);
    assert_eq!(app.get_with(&browser, "/admin").await.status(), 200);
    assert_eq!(outcomes(&app).await.last().unwrap(), "recovery_code_used");
    let page = parse(
        &app.get_with(&browser, "/admin/two-factor")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(text(&page, "#codes-left"), "9 unused recovery codes left.");
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("select code_hash from staff_recovery_code")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(
        stored
            .iter()
            .all(|h| h != enrolled.recovery_codes[3].as_bytes())
    );

    let other = client();
    app.staff_login(&other, ADA).await;
    let second = send_code(&app, &other, &recovery).await;
    assert_eq!(second.status(), 422, "a recovery code works once");
    assert_eq!(app.get_with(&other, "/admin").await.status(), 303);
}

#[tokio::test]
async fn two_factor_is_turned_off_only_with_a_current_code() {
    let app = spawn_app().await;
    create_staff(&app.db, ADA, "Ada", "support").await;
    let ada = client();
    app.staff_login(&ada, ADA).await;
    let enrolled = enrol(&app, &ada).await;
    let csrf = app.csrf_at(&ada, "/admin/two-factor").await;

    let wrong = app
        .post_form(
            &ada,
            "/admin/two-factor/disable",
            &[
                ("code", &wrong_code(&enrolled.secret)),
                ("csrf_token", &csrf),
            ],
        )
        .await;
    let right = app
        .post_form(
            &ada,
            "/admin/two-factor/disable",
            &[
                ("code", &code_at(&enrolled.secret, 30)),
                ("csrf_token", &csrf),
            ],
        )
        .await;

    assert_eq!(wrong.status(), 422);
    assert!(text(&parse(&wrong.text().await.unwrap()), "#code-error").contains("not right"));
    assert_eq!(right.status(), 303);
    let page = parse(
        &app.get_with(&ada, "/admin/two-factor")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(
        text(&page, "#two-factor-state"),
        "Two-factor sign-in is off"
    );
    let password_only = client();
    assert_eq!(
        app.staff_login(&password_only, ADA).await.headers()["location"],
        "/admin"
    );
}

#[tokio::test]
async fn when_required_an_admin_without_two_factor_must_enrol_before_anything_else() {
    let app = spawn_app_with(|config| config.staff_2fa_required_for_admin = true).await;
    create_staff(&app.db, ADA, "Ada", "admin").await;
    create_staff(&app.db, "sam@isv.example", "Sam", "support").await;
    let ada = client();

    let password = app.staff_login(&ada, ADA).await;

    assert_eq!(password.headers()["location"], "/admin/two-factor");
    for path in ["/admin", "/admin/staff", "/admin/sign-ins"] {
        assert_eq!(app.get_with(&ada, path).await.status(), 303, "{path}");
    }
    let page = parse(
        &app.get_with(&ada, "/admin/two-factor")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(text(&page, "#two-factor-required").contains("required for admins"));
    enrol(&app, &ada).await;
    assert_eq!(
        app.get_with(&ada, "/admin").await.status(),
        200,
        "enrolled: signed in"
    );
    let support = client();
    assert_eq!(
        app.staff_login(&support, "sam@isv.example").await.headers()["location"],
        "/admin",
        "the requirement is for admins"
    );
}

#[tokio::test]
async fn an_admin_signed_in_before_two_factor_was_required_is_sent_to_enrol() {
    let app = spawn_app_with(|config| config.staff_2fa_required_for_admin = true).await;
    create_staff(&app.db, ADA, "Ada", "admin").await;
    let ada = client();
    app.staff_login(&ada, ADA).await;
    let enrolled = enrol(&app, &ada).await;
    sqlx::query("delete from staff_totp")
        .execute(&app.db)
        .await
        .unwrap();

    let response = app.get_with(&ada, "/admin").await;

    assert_eq!(response.headers()["location"], "/admin/two-factor");
    assert!(!enrolled.recovery_codes.is_empty());
}

#[tokio::test]
async fn rotating_the_secret_key_keeps_two_factor_working() {
    // Arrange: an enrolled admin, then the key rotated from the app's key to a new one.
    let app = spawn_app().await;
    let (enrolled, _) = at_code_step(&app).await;
    let new_key = recomply::crypto::SecretKey::generate();

    // Act
    let resealed =
        recomply::db::staff_two_factor::reseal_all(&app.db, &app.config.secret_key, &new_key)
            .await
            .unwrap();
    let again =
        recomply::db::staff_two_factor::reseal_all(&app.db, &app.config.secret_key, &new_key)
            .await
            .unwrap();

    // Assert: the secret opens with the new key and still gives the same codes.
    assert_eq!((resealed, again), (1, 0));
    let (id, sealed): (uuid::Uuid, Vec<u8>) =
        sqlx::query_as("select staff_user_id, secret_sealed from staff_totp")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        new_key.open(id.as_bytes(), &sealed).unwrap(),
        enrolled.secret
    );
}
