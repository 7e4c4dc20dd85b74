//! The staff tenant-range pack: the form on the tenant page, bad dates refused beside the
//! field with what was typed kept, and a PDF over a range.

use time::OffsetDateTime;

use super::{completed_with_upload, get, pdf_text, staff_client};
use crate::html::{attr, parse, text};
use crate::lifecycle_support::World;

#[tokio::test]
async fn bad_dates_are_refused_beside_the_field_with_what_was_typed_kept_and_good_ones_give_a_pdf()
{
    // Arrange
    let world = World::spawn().await;
    let tenant = world.add_tenant("acme").await;
    let done = completed_with_upload(&world, &tenant).await;
    let staff = staff_client(&world).await;
    let page = get(
        &world,
        &staff,
        &format!("/admin/tenants/{}", tenant.tenant_id),
    )
    .await;
    let page = parse(&page.text().await.unwrap());
    assert_eq!(
        attr(&page, "form.evidence-range", "action").unwrap(),
        format!("/admin/tenants/{}/evidence.pdf", tenant.tenant_id)
    );
    assert_eq!(attr(&page, "form.evidence-range", "method").unwrap(), "get");

    // Act 1: a day that is not a date, and a range that runs backwards.
    let bad = get(
        &world,
        &staff,
        &format!(
            "/admin/tenants/{}/evidence.pdf?from=2026-13-01&to=yesterday",
            tenant.tenant_id
        ),
    )
    .await;
    let backwards = get(
        &world,
        &staff,
        &format!(
            "/admin/tenants/{}/evidence.json?from=2026-12-02&to=2026-11-30",
            tenant.tenant_id
        ),
    )
    .await;

    // Assert 1
    assert_eq!(bad.status(), 422);
    let bad = parse(&bad.text().await.unwrap());
    assert!(text(&bad, "#evidence_from-error").contains("2026-12-31"));
    assert!(!text(&bad, "#evidence_to-error").is_empty());
    assert_eq!(attr(&bad, "#evidence_from", "value").unwrap(), "2026-13-01");
    assert_eq!(attr(&bad, "#evidence_to", "value").unwrap(), "yesterday");
    assert_eq!(backwards.status(), 422);
    let backwards = parse(&backwards.text().await.unwrap());
    assert_eq!(
        text(&backwards, "#evidence_to-error"),
        "The last day must not be before the first day"
    );
    assert_eq!(
        attr(&backwards, "#evidence_from", "value").unwrap(),
        "2026-12-02"
    );

    // Act 2: the range that holds today.
    let today = OffsetDateTime::now_utc().date();
    let response = get(
        &world,
        &staff,
        &format!(
            "/admin/tenants/{}/evidence.pdf?from={today}&to={today}",
            tenant.tenant_id
        ),
    )
    .await;

    // Assert 2
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        disposition,
        format!("attachment; filename=\"evidence-acme-{today}-{today}.pdf\"")
    );
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    assert!(text.contains(&done.bundle_sid));
    assert!(text.contains(&format!("{today} to {today}")));
    std::fs::create_dir_all("target/evidence").ok();
    std::fs::write("target/evidence/range.pdf", &pdf).ok();
}
