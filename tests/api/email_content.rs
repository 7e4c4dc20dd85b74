//! What a customer reads in a notification email, taken from the SMTP mailbox: greeted by
//! name, the bundle, its deadline and days left as the renewal page shows them, what is
//! missing in the portal's words, how long the link works, one button in the HTML part, and a
//! footer saying why they get it and how to reach support.

use crate::harness::{client, follow_link};
use crate::html::texts;
use crate::lifecycle::{customer, prepared_and_fixed};
use crate::lifecycle_support::{Tenant, World};
use crate::mailbox::Mail;

/// The ISV's brand with a support address.
async fn brand_with_support(world: &World) {
    sqlx::query(
        "insert into brand_settings (product_name, company_name, primary_colour, support_email)
         values ('Acme Compliance', 'Acme Telecom', '#aa0000', 'help@acme-telecom.example')",
    )
    .execute(&world.db)
    .await
    .unwrap();
}

/// Seeds an approved bundle named `name`; Twilio's regulation change gives it a deadline.
async fn bundle_needing_action(world: &World, tenant: &Tenant, name: &str) -> String {
    let (bundle_sid, regulation_sid) = world.seed_approved_bundle(tenant, name, false).await;
    world.require_vat_number(&regulation_sid).await;
    bundle_sid
}

/// How many buttons (the styled call-to-action links) the HTML part has.
fn buttons(mail: &Mail) -> usize {
    mail.html.matches("padding: 12px 20px").count()
}

#[tokio::test]
async fn the_action_needed_email_names_the_person_the_bundle_the_deadline_and_what_is_missing() {
    // Arrange
    let world = World::spawn().await;
    brand_with_support(&world).await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query("update app_user set name = 'Ada Lovelace' where email = $1")
        .bind(&tenant.user_email)
        .execute(&world.db)
        .await
        .unwrap();
    let bundle_sid = bundle_needing_action(&world, &tenant, "Acme UK mobile").await;

    // Act
    world.sweep(&tenant).await;

    // Assert: one email, in both parts saying who, what, by when and what is missing.
    let mails = world.mailbox.to(&tenant.user_email);
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert!(mail.subject.contains("Acme UK mobile"), "{}", mail.subject);
    assert!(
        mail.text.starts_with("Hello Ada Lovelace,"),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("Hello Ada Lovelace,"));
    for part in [&mail.text, &mail.html] {
        assert!(part.contains("What is still missing:"), "{part}");
        assert!(
            part.contains("Some of your business details are missing or incomplete"),
            "the portal's words for the failing requirement: {part}"
        );
        assert!(
            part.contains("VAT Number"),
            "the field Twilio names: {part}"
        );
        assert!(
            part.contains("The link is yours alone and works for 30 days"),
            "how long the link works: {part}"
        );
        assert!(
            part.contains(
                "You receive this email because your address is registered for Tenant acme in \
                 Acme Compliance"
            ),
            "the footer says why: {part}"
        );
        assert!(
            part.contains("Questions? Write to") && part.contains("help@acme-telecom.example"),
            "the footer says how to reach support: {part}"
        );
    }
    assert!(
        mail.html
            .contains("href=\"mailto:help@acme-telecom.example\"")
    );
    assert_eq!(buttons(mail), 1, "one clear button: {}", mail.html);

    // The deadline and the days left read as the renewal page shows them.
    let customer = client();
    let link = mail.link().expect("a renewal link");
    assert_eq!(follow_link(&customer, &link).await.status(), 303);
    let renewal = world.renewal(&tenant, &bundle_sid).await.unwrap();
    let page = customer
        .get(format!("{}/renewals/{}", world.address, renewal.renewal_id))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let deadline = texts(&page, ".renewal-header .deadline-date");
    let countdown = texts(&page, ".renewal-header .countdown");
    assert_eq!(countdown, ["30 days left"]);
    assert!(mail.subject.contains(&deadline[0]), "{}", mail.subject);
    assert!(
        mail.text
            .contains(&format!("{} ({})", deadline[0], countdown[0])),
        "{}",
        mail.text
    );
}

#[tokio::test]
async fn a_user_without_a_name_is_greeted_plainly_and_every_customer_email_has_one_button() {
    // Arrange: no brand support address, a nameless user.
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    sqlx::query("update app_user set name = '' where email = $1")
        .bind(&tenant.user_email)
        .execute(&world.db)
        .await
        .unwrap();
    let (_, renewal_id, _) = prepared_and_fixed(&world, &tenant).await;

    // Act: the customer submits, so a second kind of email goes out.
    world
        .engine
        .submit(tenant.tenant_id, renewal_id, &customer(&tenant))
        .await
        .unwrap();
    world.run_jobs().await;

    // Assert
    let mails = world.mailbox.to(&tenant.user_email);
    let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(mails.len(), 2, "{subjects:?}");
    for mail in &mails {
        assert_eq!(mail.text.lines().next(), Some("Hello,"), "{}", mail.text);
        assert_eq!(buttons(mail), 1, "{}: {}", mail.subject, mail.html);
        assert!(
            mail.text.contains("Questions? Contact recomply."),
            "without a support address the footer names who to contact: {}",
            mail.text
        );
    }
}
