//! The customer's part, done as a customer does it: each "Action needed" email's link is
//! opened, the VAT number typed into the renewal page and saved, and the renewal submitted,
//! all over HTTP against `serve`. When Twilio fails under the page (the faults), the page says
//! so and the customer simply tries again.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::harness::{client, follow_link};
use crate::mailbox::Mailbox;

use super::world::SeededTenant;
use crate::html::{attrs, form_values, location};
use crate::uploads::multipart;

/// Attempts at one renewal page before the scenario gives up on it.
const ATTEMPTS: usize = 40;

/// Renews every bundle of `tenant` as its emails arrive; returns how many times the customer
/// saw an error page and tried again. Panics past `deadline`.
pub async fn renew_every_bundle(
    address: &str,
    mailbox: &Mailbox,
    tenant: &SeededTenant,
    deadline: Instant,
) -> usize {
    let mut opened = HashSet::new();
    let mut renewed = HashSet::new();
    let mut retries = 0;
    while renewed.len() < tenant.originals.len() {
        assert!(
            Instant::now() < deadline,
            "{} renewed {} of {} bundles in time",
            tenant.email,
            renewed.len(),
            tenant.originals.len()
        );
        let links: Vec<String> = mailbox
            .to(&tenant.email)
            .iter()
            .filter(|mail| mail.subject.starts_with("Action needed"))
            .filter_map(|mail| mail.link())
            .collect();
        for link in links {
            if opened.insert(link.clone())
                && let Some((renewal, errors)) = renew_from(address, &link).await
            {
                renewed.insert(renewal);
                retries += errors;
            }
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    retries
}

/// Opens `link` in a fresh browser, fills in the VAT number, saves, and submits. Returns the
/// renewal page's path and the error pages seen on the way; `None` when the link no longer
/// works (410): an email sent again after a kill carries a fresh link that replaced it.
async fn renew_from(address: &str, link: &str) -> Option<(String, usize)> {
    let browser = client();
    let landed = follow_link(&browser, link).await;
    if landed.status().as_u16() == 410 {
        return None;
    }
    assert_eq!(landed.status().as_u16(), 303, "the renewal link signs in");
    let page_path = location(&landed);
    let mut errors = 0;
    let mut last_page = String::new();
    for _ in 0..ATTEMPTS {
        let page = browser
            .get(format!("{address}{page_path}"))
            .send()
            .await
            .expect("serve answers");
        if page.status().as_u16() == 303 {
            // Submitted: the renewal page now shows its status.
            assert!(location(&page).ends_with("/status"), "{}", location(&page));
            return Some((page_path, errors));
        }
        let html = page.text().await.expect("the renewal page");
        // Compliant: the renewal page leads to the review page, which carries Submit.
        let submit = if attrs(&html, ".submit-card a", "href").is_empty() {
            Vec::new()
        } else {
            attrs(&html, "input[name=csrf_token]", "value")
        };
        let field = attrs(&html, "form#sections input[type=text]", "name")
            .into_iter()
            .find(|name| name.ends_with("vat_number"));
        let answer = match (submit.first(), field) {
            (Some(csrf), _) => {
                browser
                    .post(format!("{address}{page_path}/submit"))
                    .form(&[("csrf_token", csrf.as_str())])
                    .send()
                    .await
            }
            (None, Some(field)) => {
                let values = form_values(&html, "form#sections");
                browser
                    .post(format!("{address}{page_path}"))
                    .multipart(multipart(&values, &[(&field, "GB123456789")], Vec::new()))
                    .send()
                    .await
            }
            // Neither a field nor Submit (Twilio's evaluation did not come back): reload.
            (None, None) => {
                last_page = html;
                errors += 1;
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        };
        let status = answer.expect("serve answers").status().as_u16();
        if status != 303 {
            errors += 1;
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
    panic!("{page_path} was not submitted after {ATTEMPTS} attempts; last page: {last_page}");
}
