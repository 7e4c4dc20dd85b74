//! `recomply admin create-staff`, run as the built binary against the test database, then the
//! account it made used to sign in over HTTP.

use std::process::{Output, Stdio};

use recomply::crypto::SecretKey;
use tokio::io::AsyncWriteExt;

use crate::harness::{TestApp, client, spawn_app};
use crate::html::{csrf_token, parse, text};

/// Runs `recomply admin create-staff <args>` with `stdin` piped in (none when `None`).
async fn create_staff(app: &TestApp, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_recomply"))
        .args(["admin", "create-staff"])
        .args(args)
        .env("DATABASE_URL", &app.database.url)
        .env("RECOMPLY_SECRET_KEY", SecretKey::generate().to_base64())
        .env_remove("RECOMPLY_DEV")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        pipe.write_all(text.as_bytes()).await.unwrap();
    }
    drop(pipe);
    child.wait_with_output().await.unwrap()
}

/// Signs a fresh client in through the staff login form; returns it and the response status.
async fn sign_in(app: &TestApp, email: &str, password: &str) -> (reqwest::Client, u16) {
    let staff = client();
    let form = app
        .get_with(&staff, "/admin/login")
        .await
        .text()
        .await
        .unwrap();
    let response = app
        .post_form(
            &staff,
            "/admin/login",
            &[
                ("email", email),
                ("password", password),
                ("csrf_token", &csrf_token(&form)),
            ],
        )
        .await;
    (staff, response.status().as_u16())
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn a_staff_member_created_with_a_piped_password_signs_in_with_it() {
    // Arrange
    let app = spawn_app().await;
    let password = "a long piped passphrase";

    // Act
    let output = create_staff(
        &app,
        &[
            "--email",
            "Grace@ISV.example",
            "--name",
            "Grace Hopper",
            "--role",
            "support",
        ],
        Some(&format!("{password}\n")),
    )
    .await;
    let (staff, status) = sign_in(&app, "grace@isv.example", password).await;
    let (_, wrong) = sign_in(&app, "grace@isv.example", "not the password").await;

    // Assert
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Created support staff member grace@isv.example"));
    assert!(
        !stdout(&output).contains(password) && !stderr(&output).contains(password),
        "a piped password is never printed"
    );
    assert_eq!(status, 303, "the piped password signs in");
    assert_eq!(wrong, 422, "a wrong one is refused");
    let dashboard = parse(&app.get_with(&staff, "/admin").await.text().await.unwrap());
    assert_eq!(text(&dashboard, ".staff-name"), "Grace Hopper");
    assert_eq!(
        app.get_with(&staff, "/admin/staff").await.status(),
        403,
        "the support role cannot manage staff"
    );
}

#[tokio::test]
async fn without_a_piped_password_one_is_generated_printed_once_and_works() {
    let app = spawn_app().await;

    let output = create_staff(&app, &["--email", "ada@isv.example"], None).await;

    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let password = out
        .lines()
        .find_map(|line| line.split_once("Password (shown only once): "))
        .map(|(_, password)| password.trim().to_owned())
        .expect("the generated password is printed");
    assert!(password.chars().count() >= 12);
    let (staff, status) = sign_in(&app, "ada@isv.example", &password).await;
    assert_eq!(status, 303);
    assert_eq!(
        app.get_with(&staff, "/admin/staff").await.status(),
        200,
        "the default role is admin"
    );
}

#[tokio::test]
async fn a_short_password_or_a_taken_email_fails_and_changes_nothing() {
    let app = spawn_app().await;
    super::create_staff(&app.db, "taken@isv.example", "Taken", "admin").await;

    let short = create_staff(&app, &["--email", "new@isv.example"], Some("short\n")).await;
    let taken = create_staff(
        &app,
        &["--email", "taken@isv.example"],
        Some("another long passphrase\n"),
    )
    .await;
    let bad_email = create_staff(&app, &["--email", "not an email"], Some("x")).await;

    assert!(!short.status.success());
    assert!(
        stderr(&short).contains("at least 12 characters"),
        "{}",
        stderr(&short)
    );
    assert!(!taken.status.success());
    assert!(
        stderr(&taken).contains("already exists"),
        "{}",
        stderr(&taken)
    );
    assert!(!bad_email.status.success());
    assert!(
        stderr(&bad_email).contains("--email"),
        "{}",
        stderr(&bad_email)
    );
    let count: i64 = sqlx::query_scalar("select count(*) from staff_user")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1, "only the existing staff member");
    let (_, status) = sign_in(&app, "taken@isv.example", super::PASSWORD).await;
    assert_eq!(status, 303, "the existing account keeps its password");
}
