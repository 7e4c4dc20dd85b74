//! A removed tenant's customers: their sessions end and no sign-in link reaches them, while
//! the customers of every other tenant carry on.

use crate::harness::spawn_app;
use crate::html::location;
use crate::portal::session::{emailed_links, request_link, sign_in};

#[tokio::test]
async fn a_removed_tenants_customers_are_signed_out_and_sent_no_link_and_others_carry_on() {
    // Arrange: a customer of each of two tenants; Acme's is signed in.
    let app = spawn_app().await;
    let camille = app.seed().customer("Acme", "camille@acme.example").await;
    let bruno = app.seed().customer("Globex", "bruno@globex.example").await;
    let camilles_page = sign_in(&app, &camille).await;
    assert_eq!(app.get(&camilles_page).await.status().as_u16(), 200);

    // Act: staff remove Acme.
    let removed = recomply::lifecycle::tenants::remove(&app.engine, camille.tenant_id)
        .await
        .unwrap();
    app.run_jobs().await;

    // Assert: Camille's session no longer opens her pages, and asking again sends nothing.
    assert!(removed);
    let after = app.get(&camilles_page).await;
    assert_eq!(after.status().as_u16(), 303);
    assert!(
        location(&after).starts_with("/login"),
        "{}",
        location(&after)
    );
    let links_before = emailed_links(&app, &camille.email).await.len();
    let asked = request_link(&app, &camille.email).await;
    assert_eq!(
        asked.status().as_u16(),
        200,
        "the same answer as for anyone"
    );
    assert_eq!(
        emailed_links(&app, &camille.email).await.len(),
        links_before
    );
    // Globex's customer still signs in and reads his pages.
    let brunos_page = sign_in(&app, &bruno).await;
    assert_eq!(app.get(&brunos_page).await.status().as_u16(), 200);
}
