//! The customer's language: taken from the switcher, then the saved choice, then the
//! browser's `Accept-Language`, then the tenant's default; pages and emails follow it, dates
//! are in the tenant's time zone, and Twilio's own words stay as Twilio sent them.

use recomply::domain::ids::RenewalId;
use recomply::i18n::{Locale, Tr, Zone};
use recomply::lifecycle::notifications::NotificationKind;

use crate::harness::{TestApp, spawn_app};
use crate::html::{attrs, csrf_token, form_values, texts};
use crate::portal::fixtures;
use crate::portal::session::{notify, sign_in};
use crate::seed::Customer;
use crate::uploads::multipart;
use recomply::domain::renewal::RenewalState;
use recomply::twilio::BundleStatus;

fn tr(locale: Locale) -> Tr {
    Tr::new(locale, Zone::utc())
}

/// The `lang` attribute of a page.
fn lang(html: &str) -> String {
    attrs(html, "html", "lang").pop().expect("an <html lang>")
}

async fn get_with_language(app: &TestApp, path: &str, accept_language: &str) -> String {
    app.client
        .get(format!("{}{path}", app.address))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A French mobile business bundle with a renewal waiting for the customer.
async fn collecting_renewal(app: &TestApp, customer: &Customer) -> RenewalId {
    let bundle = app
        .seed()
        .customer_bundle(
            customer,
            "Paris office",
            ("FR", "mobile", "business"),
            BundleStatus::TwilioApproved,
            Some(20),
        )
        .await;
    app.seed()
        .customer_renewal(
            customer,
            bundle,
            RenewalState::Collecting,
            Some(fixtures::partly_done()),
        )
        .await
}

/// Queues and sends the renewal's action-needed email.
async fn action_needed_mail(app: &TestApp, customer: &Customer, renewal_id: RenewalId) {
    notify(app, customer, renewal_id, NotificationKind::ActionNeeded).await;
    app.run_jobs().await;
}

async fn set_tenant_language(app: &TestApp, customer: &Customer, locale: &str, zone: &str) {
    sqlx::query("update tenant set default_locale = $2, time_zone = $3 where tenant_id = $1")
        .bind(customer.tenant_id)
        .bind(locale)
        .bind(zone)
        .execute(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_browser_s_language_picks_the_sign_in_page_s_language() {
    let app = spawn_app().await;
    for (header, locale) in [
        ("de-AT,de;q=0.9,en;q=0.5", Locale::De),
        ("ja, fr-CA;q=0.8", Locale::Fr),
        ("es", Locale::Es),
        ("ja", Locale::En),
    ] {
        let html = get_with_language(&app, "/login", header).await;
        assert_eq!(lang(&html), locale.code(), "{header}");
        assert_eq!(
            texts(&html, "h1"),
            [tr(locale).t("login-title")],
            "{header}"
        );
    }
    let german = get_with_language(&app, "/login", "de").await;
    assert_ne!(texts(&german, "h1"), ["Sign in"], "not English");
    // The switcher offers the page in every language, each named in itself.
    assert_eq!(
        texts(&german, ".language-switcher li"),
        ["English", "Français", "Deutsch", "Español"]
    );
    assert_eq!(
        attrs(&german, ".language-switcher a", "href"),
        ["/login?lang=en", "/login?lang=fr", "/login?lang=es"]
    );
}

#[tokio::test]
async fn a_pick_in_the_switcher_is_kept_for_the_session_and_saved_for_the_user() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = collecting_renewal(&app, &camille).await;
    // Before signing in: the pick holds for the rest of the visit, whatever the browser says,
    // and is kept in a cookie, not in a server-side session.
    let sessions = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from tower_sessions.session")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let before = sessions().await;
    let picked = get_with_language(&app, "/login?lang=es", "en").await;
    assert_eq!(lang(&picked), "es");
    assert_eq!(
        sessions().await,
        before,
        "an anonymous pick writes no session"
    );
    assert_eq!(lang(&get_with_language(&app, "/login", "en").await), "es");
    // An unknown pick changes nothing.
    assert_eq!(
        lang(&get_with_language(&app, "/login?lang=xx", "en").await),
        "es"
    );

    sign_in(&app, &camille).await;
    let french = get_with_language(&app, "/bundles?lang=fr", "en").await;
    assert_eq!(lang(&french), "fr");
    assert_eq!(texts(&french, "h1"), [tr(Locale::Fr).t("nav-my-bundles")]);
    let later = get_with_language(&app, &format!("/renewals/{renewal}"), "de").await;
    assert_eq!(lang(&later), "fr", "the saved choice beats the browser");
    let saved: Option<String> =
        sqlx::query_scalar("select locale from app_user where app_user_id = $1")
            .bind(camille.app_user_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(saved.as_deref(), Some("fr"));

    // Emails follow the saved choice too.
    action_needed_mail(&app, &camille, renewal).await;
    let mail = app.mailbox.to(&camille.email).pop().expect("an email");
    assert!(
        !mail.subject.starts_with("Action needed"),
        "{}",
        mail.subject
    );
    assert!(mail.html.contains("lang=\"fr\""), "{}", mail.html);
    assert!(!mail.text.contains("Hello,"), "{}", mail.text);
    let greeting = tr(Locale::Fr).t1("email-hello-name", "name", "Camille Martin");
    assert!(mail.text.contains(&greeting), "{}", mail.text);
}

#[tokio::test]
async fn emails_follow_the_tenant_s_default_and_stay_within_each_tenant() {
    let app = spawn_app().await;
    let ana = app.seed().customer("Madrid SL", "ana@madrid.example").await;
    let bob = app
        .seed()
        .customer("London Ltd", "bob@london.example")
        .await;
    set_tenant_language(&app, &ana, "es", "Europe/Madrid").await;
    let ana_renewal = collecting_renewal(&app, &ana).await;
    let bob_renewal = collecting_renewal(&app, &bob).await;
    action_needed_mail(&app, &ana, ana_renewal).await;
    action_needed_mail(&app, &bob, bob_renewal).await;

    let spanish = app.mailbox.to(&ana.email).pop().expect("Ana's email");
    let english = app.mailbox.to(&bob.email).pop().expect("Bob's email");
    assert!(spanish.html.contains("lang=\"es\""));
    let greeting = tr(Locale::Es).t1("email-hello-name", "name", "Camille Martin");
    assert!(spanish.text.contains(&greeting), "{}", spanish.text);
    assert!(
        !spanish.subject.starts_with("Action needed"),
        "{}",
        spanish.subject
    );
    assert!(
        english.subject.starts_with("Action needed"),
        "{}",
        english.subject
    );
    assert!(english.html.contains("lang=\"en\""));
    // Each tenant's email names its own tenant only.
    assert!(spanish.text.contains("Madrid SL") && !spanish.text.contains("London Ltd"));
    assert!(english.text.contains("London Ltd") && !english.text.contains("Madrid SL"));

    // Signed in without a choice, the page follows the browser first, then the tenant.
    sign_in(&app, &ana).await;
    let page = get_with_language(&app, "/bundles", "ja").await;
    assert_eq!(
        lang(&page),
        "es",
        "the tenant's default when the browser offers nothing"
    );
    let page = get_with_language(&app, "/bundles", "de").await;
    assert_eq!(lang(&page), "de", "the browser beats the tenant's default");
}

#[tokio::test]
async fn a_french_renewal_page_keeps_twilio_s_own_words() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = collecting_renewal(&app, &camille).await;
    sign_in(&app, &camille).await;
    let html = get_with_language(&app, &format!("/renewals/{renewal}"), "fr-FR,fr").await;
    assert_eq!(lang(&html), "fr");
    // Twilio's requirement and field names, and its failure reason, as Twilio sent them.
    assert!(html.contains("Business Registration Number"), "{html}");
    assert!(html.contains("The Business Registration Number is missing."));
    // Inside French sentences.
    let fr = tr(Locale::Fr);
    assert!(html.contains(&fr.t("save-button")), "{html}");
    assert!(html.contains(&fr.t("twilio-says")));
    assert!(!html.contains("Save and check with Twilio"));
    assert!(
        texts(&html, ".renewal-regulation")
            .concat()
            .starts_with("Numéros mobiles en France, pour une entreprise"),
        "{:?}",
        texts(&html, ".renewal-regulation")
    );
}

#[tokio::test]
async fn a_french_form_error_is_french_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let renewal = collecting_renewal(&app, &camille).await;
    sign_in(&app, &camille).await;
    let path = format!("/renewals/{renewal}");
    let html = get_with_language(&app, &format!("{path}?lang=fr"), "fr").await;
    let mut values = form_values(&html, "form#sections");
    let too_long = "9".repeat(300);
    let field = values
        .iter_mut()
        .find(|(name, _)| name.ends_with("business_registration_number"))
        .map(|(name, value)| {
            *value = too_long.clone();
            name.clone()
        })
        .expect("the form asks for the registration number");
    let form = multipart(&values, &[], vec![]);
    let response = app
        .client
        .post(format!("{}{path}", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert_eq!(lang(&page), "fr");
    let error = texts(&page, ".field-invalid .field-error").concat();
    let expected = tr(Locale::Fr).t2(
        "field-error-too-long",
        "label",
        "Business Registration Number",
        "max",
        255,
    );
    // The page's text is read whitespace-collapsed (French puts no-break spaces before colons).
    let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(error.contains(&expected), "{error}");
    assert!(
        form_values(&page, "form#sections")
            .iter()
            .any(|(name, value)| *name == field && *value == too_long),
        "what was typed is kept"
    );
}

#[tokio::test]
async fn dates_are_in_the_customer_s_language_and_the_tenant_s_time_zone() {
    let app = spawn_app().await;
    let kenji = app.seed().customer("Tokyo KK", "kenji@tokyo.example").await;
    set_tenant_language(&app, &kenji, "de", "Asia/Tokyo").await;
    let bundle = app
        .seed()
        .customer_bundle(
            &kenji,
            "Tokyo office",
            ("JP", "local", "business"),
            BundleStatus::TwilioApproved,
            Some(20),
        )
        .await;
    let renewal = app
        .seed()
        .customer_renewal(
            &kenji,
            bundle,
            RenewalState::Submitted,
            Some(fixtures::compliant()),
        )
        .await;
    // 23:30 UTC is 08:30 the next morning in Tokyo.
    sqlx::query("update renewal set submitted_at = '2027-01-14 23:30:00+00' where renewal_id = $1")
        .bind(renewal)
        .execute(&app.db)
        .await
        .unwrap();
    sign_in(&app, &kenji).await;
    let html = get_with_language(&app, &format!("/renewals/{renewal}/status"), "ja").await;
    assert_eq!(lang(&html), "de");
    assert!(html.contains("15. Januar 2027, 08:30 JST"), "{html}");
    assert!(html.contains("in Japan"), "the country in German words");
}

#[tokio::test]
async fn a_sign_in_link_asked_for_from_a_german_page_arrives_in_german() {
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let form = get_with_language(&app, "/login?lang=de", "de").await;
    let token = csrf_token(&form);
    app.client
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", camille.email.as_str()),
        ])
        .send()
        .await
        .unwrap();
    app.run_jobs().await;
    let mail = app.mailbox.to(&camille.email).pop().expect("a link email");
    let de = tr(Locale::De);
    assert_eq!(mail.subject, de.t1("email-link-subject", "tenant", "Acme"));
    assert!(
        mail.text.contains(&de.n("link-lifetime-sign-in", 15)),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("lang=\"de\""));
}

#[tokio::test]
async fn the_german_sign_in_form_says_what_is_wrong_in_german_and_keeps_the_address() {
    let app = spawn_app().await;
    let form = get_with_language(&app, "/login?lang=de", "de").await;
    let token = csrf_token(&form);
    let response = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[("csrf_token", token.as_str()), ("email", "kein-at-zeichen")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(lang(&html), "de");
    assert_eq!(
        texts(&html, "#email-error"),
        [format!(
            "{} {}",
            tr(Locale::De).t("error-prefix"),
            tr(Locale::De).t("login-error-invalid")
        )]
    );
    assert_eq!(attrs(&html, "#email", "value"), ["kein-at-zeichen"]);
}
