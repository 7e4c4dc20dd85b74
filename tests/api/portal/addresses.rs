//! Addresses in the renewal flow, against the emulator: the account's addresses offered by
//! street, chosen, corrected and added; each tenant sees and changes only its own.

use serde_json::{Value, json};

use crate::harness::{client, follow_link};
use crate::html::{attrs, form_values, location, parse, selector, texts};
use crate::lifecycle_support::{Tenant, World};
use crate::uploads::multipart;

/// The address the bundle's numbers use (filed by the emulator as "1 Seeded Street").
const ON_BUNDLE: &str = "AD0123456789abcdef0123456789abcdef";

/// One tenant's renewal page, signed in.
struct Flow {
    world: World,
    tenant: Tenant,
    browser: reqwest::Client,
    renewal_path: String,
    /// The form key of the K-bis excerpt's address choice.
    field: String,
}

/// An approved French mobile business bundle whose K-bis excerpt lacks its address, with two
/// more addresses on file; swept, prepared, and the customer signed in.
async fn seed_bundle(world: &World, tenant: &Tenant, name: &str, streets: &[&str]) -> String {
    let valid_until = (time::OffsetDateTime::now_utc() + time::Duration::days(20))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let addresses: Vec<Value> = streets
        .iter()
        .map(|street| {
            json!({"street": street, "city": "Paris", "region": "Île-de-France",
                   "postal_code": "75002"})
        })
        .collect();
    let seeded = world
        .control(
            "POST",
            "/bundles",
            json!({
                "account_sid": tenant.account_sid, "friendly_name": name,
                "iso_country": "FR", "number_type": "mobile", "end_user_type": "business",
                "status": "twilio-approved", "valid_until": valid_until, "has_active_numbers": true,
                "end_user": {"type": "business", "friendly_name": "Acme SAS", "attributes": {
                    "business_name": "Acme SAS", "first_name": "Camille", "last_name": "Martin"}},
                "addresses": addresses,
                "documents": [
                    {"type": "commercial_registrar_excerpt", "friendly_name": "Extrait K-bis",
                     "attributes": {"business_name": "Acme SAS"}, "mime_type": "application/pdf"},
                    {"type": "government_issued_document", "friendly_name": "Carte d'identité",
                     "attributes": {"first_name": "Camille", "last_name": "Martin"}, "mime_type": "image/jpeg"},
                    {"type": "business_address", "friendly_name": "Siège social",
                     "attributes": {"address_sids": [ON_BUNDLE]}}
                ]
            }),
        )
        .await;
    world.sweep(tenant).await;
    seeded["sid"].as_str().unwrap().to_owned()
}

/// Signs the tenant's user in through an emailed link.
async fn sign_in(world: &World, email: &str) -> reqwest::Client {
    let browser = client();
    let login = browser
        .get(format!("{}/login", world.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = attrs(&login, "input[name=csrf_token]", "value").remove(0);
    browser
        .post(format!("{}/login", world.address))
        .form(&[("csrf_token", csrf.as_str()), ("email", email)])
        .send()
        .await
        .unwrap();
    world.run_jobs().await;
    let link = world
        .mailbox
        .links_to(email)
        .pop()
        .expect("a link was emailed");
    follow_link(&browser, &link).await;
    browser
}

async fn flow_for(world: World, slug: &str, streets: &[&str]) -> Flow {
    let tenant = world.add_tenant(slug).await;
    let bundle_sid = seed_bundle(&world, &tenant, "Acme Paris mobiles", streets).await;
    let renewal = world
        .renewal(&tenant, &bundle_sid)
        .await
        .expect("a renewal");
    let browser = sign_in(&world, &tenant.user_email).await;
    let renewal_path = format!("/renewals/{}", renewal.renewal_id);
    let mut flow = Flow {
        world,
        tenant,
        browser,
        renewal_path,
        field: String::new(),
    };
    let page = flow.get(&flow.renewal_path.clone()).await;
    flow.field = attrs(&page, "form#sections .address-choice input", "name").remove(0);
    flow
}

async fn flow() -> Flow {
    flow_for(
        World::spawn().await,
        "acme",
        &["12 Rue de la Paix", "8 Quai de Bercy"],
    )
    .await
}

impl Flow {
    async fn get(&self, path: &str) -> String {
        let response = self.send(self.browser.get(self.url(path))).await;
        assert_eq!(response.0, 200, "GET {path}");
        response.1
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.world.address)
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> (u16, String, String) {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let to = if status == 303 {
            location(&response)
        } else {
            String::new()
        };
        (status, response.text().await.unwrap(), to)
    }

    /// The renewal page's radio value for the address whose option reads `street`.
    async fn sid_of(&self, street: &str) -> String {
        let page = self.get(&self.renewal_path).await;
        option_of(&page, street, "input").expect("the address is offered")
    }

    /// Saves the renewal page with `sid` chosen for the excerpt.
    async fn choose(&self, sid: &str) -> (u16, String, String) {
        let page = self.get(&self.renewal_path).await;
        let values = form_values(&page, "form#sections");
        let form = multipart(&values, &[(&self.field, sid)], vec![]);
        self.send(
            self.browser
                .post(self.url(&self.renewal_path))
                .multipart(form),
        )
        .await
    }

    /// Posts the address form at `path` (found on its page) with `fields`.
    async fn post_address(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let page = self.get(path).await;
        let action = attrs(&page, ".address-form form", "action").remove(0);
        let mut values: Vec<(String, String)> = form_values(&page, ".address-form form");
        for (name, value) in fields {
            values.retain(|(n, _)| n != name);
            values.push(((*name).to_owned(), (*value).to_owned()));
        }
        self.send(self.browser.post(self.url(&action)).form(&values))
            .await
    }

    /// The excerpt's `address_sids` on the copy, at the emulator.
    fn excerpt_addresses(&self) -> Value {
        let document = self.field.split('.').nth(1).unwrap().to_owned();
        let store = self.world.emulator.state.lock();
        store.documents[&document].attributes["address_sids"].clone()
    }

    fn street_at_twilio(&self, sid: &str) -> String {
        let store = self.world.emulator.state.lock();
        store.addresses[sid].postal.street.clone()
    }
}

/// The `attr`-less value of the `<input>` (or the `href` of the `a.address-edit` with
/// `element = "a"`) in the address option whose text contains `street`.
fn option_of(page: &str, street: &str, element: &str) -> Option<String> {
    let doc = parse(page);
    let options = selector("li.address-option");
    let inner = selector(if element == "a" {
        "a.address-edit"
    } else {
        "input"
    });
    let option = doc
        .select(&options)
        .find(|o| o.text().collect::<String>().contains(street))?;
    let found = option.select(&inner).next()?;
    let attr = if element == "a" { "href" } else { "value" };
    found.value().attr(attr).map(str::to_owned)
}

#[tokio::test]
async fn the_page_offers_the_accounts_addresses_by_street_without_a_sid_and_calls_no_twilio() {
    let flow = flow().await;
    flow.world.clear_requests().await;

    let page = flow.get(&flow.renewal_path).await;

    assert!(flow.world.calls().is_empty(), "{:?}", flow.world.calls());
    let options = texts(&page, "form#sections .address-option");
    assert_eq!(options.len(), 3, "{options:?}");
    assert!(options.iter().any(|o| o.contains("12 Rue de la Paix")
        && o.contains("75002 Paris, Île-de-France, FR")
        && o.contains("Acme SAS")));
    assert!(
        options
            .iter()
            .any(|o| o.contains("1 Seeded Street") && o.contains("On this bundle now"))
    );
    let visible = texts(&page, "form#sections").join(" ");
    assert!(
        !visible.contains("AD0") && !visible.contains("SID"),
        "{visible}"
    );
    assert_eq!(texts(&page, ".address-add a"), ["Add a new address"]);
}

#[tokio::test]
async fn an_address_chosen_by_street_ends_up_as_the_documents_address_sids_at_twilio() {
    let flow = flow().await;
    let sid = flow.sid_of("1 Seeded Street").await;

    let (status, body, to) = flow.choose(&sid).await;

    assert_eq!(status, 303, "{body}");
    assert_eq!(to, flow.renewal_path);
    assert_eq!(flow.excerpt_addresses(), json!([ON_BUNDLE]));
    let page = flow.get(&flow.renewal_path).await;
    // Twilio's check now passes for the address: its section is gone.
    assert!(texts(&page, "#req-business_address_proof_info").is_empty());
    let renewal_id = flow
        .renewal_path
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let timeline = flow.world.timeline(&flow.tenant, renewal_id).await;
    assert!(
        timeline.iter().any(|e| e.starts_with("changes_saved")),
        "{timeline:?}"
    );
}

#[tokio::test]
async fn another_address_than_the_bundles_is_explained_in_plain_words_once_saved() {
    let flow = flow().await;
    let sid = flow.sid_of("12 Rue de la Paix").await;

    let (status, _, _) = flow.choose(&sid).await;

    assert_eq!(status, 303);
    assert_eq!(flow.excerpt_addresses(), json!([sid]));
    let page = flow.get(&flow.renewal_path).await;
    let warning = texts(&page, ".alert-warn").join(" ");
    assert!(
        warning.contains("not the one on the bundle in use now"),
        "{warning}"
    );
    assert!(warning.contains("Ask your provider"), "{warning}");
}

#[tokio::test]
async fn a_new_address_added_in_the_flow_is_created_at_twilio_chosen_and_the_copy_re_evaluated() {
    let flow = flow().await;
    let page = flow.get(&flow.renewal_path).await;
    let add = attrs(&page, ".address-add a", "href").remove(0);
    let before = flow.world.emulator.state.lock().addresses.len();

    let (status, body, to) = flow
        .post_address(
            &add,
            &[
                ("customer_name", "Acme SAS"),
                ("street", "5 Avenue Anatole France"),
                ("city", "Paris"),
                ("region", "Île-de-France"),
                ("postal_code", "75007"),
            ],
        )
        .await;

    assert_eq!(status, 303, "{body}");
    assert!(to.starts_with(&flow.renewal_path), "{to}");
    let created: Vec<String> = {
        let store = flow.world.emulator.state.lock();
        assert_eq!(store.addresses.len(), before + 1);
        store
            .addresses
            .values()
            .filter(|a| a.postal.street == "5 Avenue Anatole France")
            .map(|a| {
                assert_eq!(
                    a.postal.iso_country, "FR",
                    "the regulation's country by default"
                );
                a.sid.clone()
            })
            .collect()
    };
    assert_eq!(created.len(), 1);
    assert_eq!(flow.excerpt_addresses(), json!([created[0]]));
    let page = flow.get(&flow.renewal_path).await;
    assert_eq!(
        texts(&page, ".alert-ok"),
        ["The new address is on file and chosen for your document."]
    );
    let renewal_id = flow
        .renewal_path
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let timeline = flow.world.timeline(&flow.tenant, renewal_id).await;
    assert!(
        timeline.iter().any(|e| e.starts_with("address_added")),
        "{timeline:?}"
    );
    assert!(
        timeline.iter().any(|e| e.starts_with("changes_saved")),
        "{timeline:?}"
    );
}

#[tokio::test]
async fn correcting_an_address_updates_it_at_twilio_and_on_the_page() {
    let flow = flow().await;
    let page = flow.get(&flow.renewal_path).await;
    let edit = option_of(&page, "8 Quai de Bercy", "a").expect("a correct link");
    let sid = option_of(&page, "8 Quai de Bercy", "input").unwrap();
    let form = flow.get(&edit).await;
    assert_eq!(attrs(&form, "#a-street", "value"), ["8 Quai de Bercy"]);
    assert_eq!(attrs(&form, "#a-iso_country", "readonly").len(), 1);

    let (status, body, _) = flow
        .post_address(&edit, &[("street", "10 Quai de Bercy")])
        .await;

    assert_eq!(status, 303, "{body}");
    assert_eq!(flow.street_at_twilio(&sid), "10 Quai de Bercy");
    let page = flow.get(&flow.renewal_path).await;
    assert!(option_of(&page, "10 Quai de Bercy", "input").is_some());
    assert!(option_of(&page, "8 Quai de Bercy", "input").is_none());
}

#[tokio::test]
async fn bad_input_on_the_new_address_form_is_refused_beside_each_field_and_kept() {
    let flow = flow().await;
    let page = flow.get(&flow.renewal_path).await;
    let add = attrs(&page, ".address-add a", "href").remove(0);
    let before = flow.world.emulator.state.lock().addresses.len();

    let (status, html, _) = flow
        .post_address(
            &add,
            &[
                ("customer_name", "Acme SAS"),
                ("street", "5 Avenue Anatole France"),
                ("city", ""),
                ("region", "Île-de-France"),
                ("postal_code", "7500"),
            ],
        )
        .await;

    assert_eq!(status, 422);
    assert!(texts(&html, "#a-city-error")[0].ends_with("Enter the City"));
    assert!(texts(&html, "#a-postal_code-error")[0].contains("75001"));
    assert_eq!(
        attrs(&html, "#a-street", "value"),
        ["5 Avenue Anatole France"]
    );
    assert_eq!(attrs(&html, "#a-postal_code", "value"), ["7500"]);
    assert_eq!(flow.world.emulator.state.lock().addresses.len(), before);
}

#[tokio::test]
async fn twilio_refusing_a_correction_is_explained_in_plain_words_and_the_input_kept() {
    let flow = flow().await;
    let page = flow.get(&flow.renewal_path).await;
    let edit = option_of(&page, "8 Quai de Bercy", "a").unwrap();
    let sid = option_of(&page, "8 Quai de Bercy", "input").unwrap();
    // Someone deletes the address at Twilio after the last sweep.
    flow.world
        .control("DELETE", &format!("/addresses/{sid}"), Value::Null)
        .await;

    let (status, html, _) = flow
        .post_address(&edit, &[("street", "10 Quai de Bercy")])
        .await;

    assert_eq!(status, 502);
    assert!(
        texts(&html, "#address-form-error")[0]
            .starts_with("This address is no longer on file with Twilio"),
        "{:?}",
        texts(&html, "#address-form-error")
    );
    assert_eq!(attrs(&html, "#a-street", "value"), ["10 Quai de Bercy"]);
}

#[tokio::test]
async fn another_tenants_addresses_never_appear_and_cannot_be_chosen_or_corrected() {
    let world = World::spawn().await;
    let globex = world.add_tenant("globex").await;
    seed_bundle(&world, &globex, "Globex mobiles", &["99 Globex Road"]).await;
    let theirs: String = {
        let store = world.emulator.state.lock();
        store
            .addresses
            .values()
            .find(|a| a.postal.street == "99 Globex Road")
            .map(|a| a.sid.clone())
            .unwrap()
    };
    let flow = flow_for(world, "acme", &["12 Rue de la Paix"]).await;

    let page = flow.get(&flow.renewal_path).await;
    assert!(!texts(&page, "body")[0].contains("99 Globex Road"));
    assert!(!page.contains(&theirs));

    let (status, html, _) = flow.choose(&theirs).await;
    assert_eq!(status, 422);
    let id = format!("#f-{}-error", flow.field.replace('.', "-"));
    assert!(texts(&html, &id)[0].contains("Choose one of the addresses listed"));
    assert_eq!(flow.excerpt_addresses(), Value::Null);

    let edit = format!("{}/addresses/{theirs}", flow.renewal_path);
    let (status, _, _) = flow.send(flow.browser.get(flow.url(&edit))).await;
    assert_eq!(status, 404);
    let csrf = attrs(&page, "form#sections input[name=csrf_token]", "value").remove(0);
    let form = [
        ("csrf_token", csrf.as_str()),
        ("customer_name", "Acme SAS"),
        ("street", "Taken over"),
        ("city", "Paris"),
        ("region", "IDF"),
        ("postal_code", "75002"),
    ];
    let (status, _, _) = flow
        .send(flow.browser.post(flow.url(&edit)).form(&form))
        .await;
    assert_eq!(status, 404);
    assert_eq!(flow.street_at_twilio(&theirs), "99 Globex Road");
}

#[tokio::test]
async fn staff_see_the_documents_addresses_by_street_on_the_admin_renewal_page() {
    let flow = flow().await;
    let sid = flow.sid_of("12 Rue de la Paix").await;
    let (status, _, _) = flow.choose(&sid).await;
    assert_eq!(status, 303);
    let staff = crate::evidence_pack::staff_client(&flow.world).await;

    let renewal_id = flow.renewal_path.rsplit('/').next().unwrap();
    let page = staff
        .get(flow.url(&format!("/admin/renewals/{renewal_id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    let lines = texts(&page, ".item-addresses li");
    assert!(
        lines.iter().any(
            |l| l.contains("12 Rue de la Paix, 75002 Paris, Île-de-France, FR")
                && l.contains("(Acme SAS)")
                && l.contains(&sid)
        ),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("1 Seeded Street")),
        "{lines:?}"
    );
}
