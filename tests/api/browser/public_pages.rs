//! Public pages in a real browser: they render, look right and pass axe-core.

use super::Browser;
use crate::harness::spawn_app;

#[tokio::test]
async fn the_landing_and_not_found_pages_are_accessible_in_a_real_browser() {
    if !super::available("the_landing_and_not_found_pages_are_accessible_in_a_real_browser") {
        return;
    }
    let app = spawn_app().await;
    let browser = Browser::start().await;

    browser.driver.goto(&app.address).await.unwrap();
    let heading = browser
        .driver
        .find(thirtyfour::By::Tag("h1"))
        .await
        .unwrap();
    assert!(heading.text().await.unwrap().contains("compliant"));
    browser.assert_accessible("landing page").await;
    browser.screenshot("landing").await;

    browser
        .driver
        .goto(format!("{}/no/such/page", app.address))
        .await
        .unwrap();
    let heading = browser
        .driver
        .find(thirtyfour::By::Tag("h1"))
        .await
        .unwrap();
    assert_eq!(heading.text().await.unwrap(), "Page not found");
    browser.assert_accessible("404 page").await;

    browser.stop().await;
}
