//! The address inputs of the renewal form: every `address_sids` input becomes a choice among
//! the addresses on file with the tenant's Twilio account (read from Postgres), shown by
//! street, city, region, postal code and country, each with "Correct this address", and a link
//! to add a new one. The customer never types an SID; a posted SID that is not offered is
//! refused beside the choice (another tenant's address looks the same).

use super::RenewalForm;
use super::view::{AddressOption, FormField, Section};
use crate::db::addresses::StoredAddress;
use crate::domain::ids::RenewalId;
use crate::i18n::Tr;
use crate::routes;

/// The SIDs listed in an `address_sids` value (commas or spaces between them).
pub(super) fn listed_sids(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
}

impl FormField {
    /// Whether the address `sid` is chosen.
    pub fn chooses(&self, sid: &str) -> bool {
        listed_sids(&self.value).any(|s| s.eq_ignore_ascii_case(sid))
    }

    /// Whether the chosen address is not one the bundle had (Twilio keeps a bundle's address:
    /// 22229 when the copy's items replace the original's). No known bundle address: no.
    pub fn mismatch(&self) -> bool {
        self.addresses.iter().any(|a| a.on_bundle)
            && listed_sids(&self.value).any(|s| {
                self.addresses
                    .iter()
                    .any(|a| a.sid.eq_ignore_ascii_case(s) && !a.on_bundle)
            })
    }

    /// Whether every SID in `value` is one of the addresses offered.
    pub(super) fn offers_all(&self, value: &str) -> bool {
        listed_sids(value).all(|s| self.addresses.iter().any(|a| a.sid.eq_ignore_ascii_case(s)))
    }
}

impl RenewalForm {
    /// Turns every Address SID input into a choice among `addresses` (the tenant's), plus the
    /// addresses the copy names that the mirror does not hold yet. Those `on_bundle` (the
    /// bundle had them when the renewal began) are marked; choosing another one is explained
    /// (Twilio keeps a bundle's address: 22229 when the copy's items replace the original's).
    pub fn offer_addresses(&mut self, addresses: &[StoredAddress], renewal_id: RenewalId) {
        let tr = self.tr.clone();
        let inputs = self.sections.iter_mut().flat_map(Section::inputs_mut);
        for field in inputs.filter(|f| f.input_type == "sids") {
            offer(field, addresses, renewal_id, &tr);
        }
    }

    /// Chooses address `sid` for the input `field_name` (after "Add a new address"), if it
    /// is offered there.
    pub fn preselect(&mut self, field_name: &str, sid: &str) {
        let Some(field) = self
            .sections
            .iter_mut()
            .flat_map(Section::inputs_mut)
            .find(|f| f.name == field_name && f.input_type == "address")
        else {
            return;
        };
        if !field.offers_all(sid) || field.chooses(sid) {
            return;
        }
        field.value = if field.multiple && !field.value.trim().is_empty() {
            format!("{}, {sid}", field.value.trim())
        } else {
            sid.to_owned()
        };
    }

    /// Whether an address input chooses another address than the bundle had.
    pub fn chooses_another_address(&self) -> bool {
        self.sections
            .iter()
            .flat_map(Section::inputs)
            .any(|f| f.input_type == "address" && f.mismatch())
    }
}

fn offer(field: &mut FormField, addresses: &[StoredAddress], renewal_id: RenewalId, tr: &Tr) {
    let mut options: Vec<AddressOption> = addresses
        .iter()
        .enumerate()
        .map(|(i, address)| {
            let postal = address.postal();
            let place = [
                format!("{} {}", postal.postal_code, postal.city)
                    .trim()
                    .to_owned(),
                postal.region.clone(),
                postal.iso_country.clone(),
            ];
            AddressOption {
                sid: address.sid.clone(),
                id: format!("{}-{i}", field.id),
                street: [postal.street.as_str(), postal.street_secondary.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                place: place
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                customer_name: postal.customer_name,
                edit_href: routes::renewal_address(renewal_id, &address.sid, &field.name),
                on_bundle: address.on_bundle,
            }
        })
        .collect();
    let unlisted: Vec<String> = listed_sids(&field.current)
        .filter(|sid| !options.iter().any(|o| o.sid.eq_ignore_ascii_case(sid)))
        .map(str::to_owned)
        .collect();
    for (i, sid) in unlisted.into_iter().enumerate() {
        options.push(AddressOption {
            id: format!("{}-unlisted-{i}", field.id),
            sid,
            street: tr.t("address-unlisted"),
            place: String::new(),
            customer_name: String::new(),
            edit_href: String::new(),
            on_bundle: false,
        });
    }
    field.multiple = listed_sids(&field.current).count() > 1;
    field.input_type = "address";
    field.label = tr.t(if field.multiple {
        "address-choice-label-several"
    } else {
        "address-choice-label"
    });
    let sids_hint = tr.t("field-address-sids-hint");
    field.hint = format!(
        "{} {}",
        field.hint.replace(&sids_hint, "").trim(),
        tr.t("address-choice-hint")
    )
    .trim()
    .to_owned();
    field.add_href = routes::renewal_address_new(renewal_id, &field.name);
    field.addresses = options;
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ADDRESS, EXCERPT, post, snapshot};
    use uuid::Uuid;

    use super::*;
    use crate::lifecycle::Change;

    const OTHER: &str = "AD0123456789abcdef0123456789abc999";

    fn stored(sid: &str, street: &str, on_bundle: bool) -> StoredAddress {
        StoredAddress {
            sid: sid.into(),
            friendly_name: String::new(),
            customer_name: "Acme SAS".into(),
            street: street.into(),
            street_secondary: String::new(),
            city: "Paris".into(),
            region: "Île-de-France".into(),
            postal_code: "75002".into(),
            iso_country: "FR".into(),
            on_bundle,
        }
    }

    fn form() -> RenewalForm {
        let mut form = RenewalForm::build(&snapshot(), &Tr::english());
        let addresses = [
            stored(ADDRESS, "1 Rue de Rivoli", true),
            stored(OTHER, "12 Rue de la Paix", false),
        ];
        form.offer_addresses(&addresses, RenewalId::from_uuid(Uuid::nil()));
        form
    }

    #[test]
    fn an_address_input_offers_the_accounts_addresses_by_street_and_shows_no_sid() {
        let form = form();
        let field = &form.sections[1].fields[0];
        assert_eq!(
            (field.input_type, field.label.as_str()),
            ("address", "Address")
        );
        let streets: Vec<&str> = field.addresses.iter().map(|a| a.street.as_str()).collect();
        assert_eq!(streets, ["1 Rue de Rivoli", "12 Rue de la Paix"]);
        assert_eq!(field.addresses[0].place, "75002 Paris, Île-de-France, FR");
        assert!(field.chooses(ADDRESS) && field.addresses[0].on_bundle);
        assert!(!field.hint.contains("AD0") && !field.label.contains("SID"));
        assert!(!field.mismatch(), "the bundle's own address");
    }

    #[test]
    fn an_offered_address_becomes_the_documents_address_sids_and_another_is_refused() {
        let name = format!("doc.{EXCERPT}.address_sids");
        let submission = post(&[(&name, OTHER)], &[]);
        let mut chosen = form();
        chosen.fill(&submission);
        let changes = chosen.changes(&submission).expect("a change");
        let [Change::SetDocumentFields { fields, .. }] = changes.as_slice() else {
            panic!("one document edit")
        };
        assert_eq!(fields["address_sids"], OTHER);

        let elsewhere = "AD0123456789abcdef0123456789abc777";
        let submission = post(&[(&name, elsewhere)], &[]);
        let mut refused = form();
        refused.fill(&submission);
        assert!(refused.changes(&submission).is_none());
        let error = refused.sections[1].fields[0].error.clone().unwrap();
        assert_eq!(
            error,
            "Choose one of the addresses listed, or add a new one."
        );
    }

    #[test]
    fn another_address_than_the_bundles_is_explained_and_a_new_one_can_be_preselected() {
        let mut form = RenewalForm::build(&snapshot(), &Tr::english());
        let addresses = [
            stored(ADDRESS, "1 Rue de Rivoli", false),
            stored(OTHER, "12 Rue de la Paix", true),
        ];
        form.offer_addresses(&addresses, RenewalId::from_uuid(Uuid::nil()));
        let field = &form.sections[1].fields[0];
        assert!(field.mismatch() && form.chooses_another_address());
        let name = field.name.clone();
        form.preselect(&name, OTHER);
        assert!(form.sections[1].fields[0].chooses(OTHER));
        form.preselect(&name, "AD0123456789abcdef0123456789abc777");
        assert!(
            form.sections[1].fields[0].chooses(OTHER),
            "only offered addresses"
        );
    }
}
