//! Typed filters for listing Bundles and Regulations (docs/emulator-fidelity.md, rows 1 and 24).

use time::OffsetDateTime;

use super::form::Params;
use super::resources::{BundleStatus, EndUserType};

/// `SortBy` of the Bundle list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleSortBy {
    /// `valid-until`.
    ValidUntil,
    /// `date-updated`.
    DateUpdated,
}

/// `SortDirection` of the Bundle list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    /// `ASC`.
    Asc,
    /// `DESC` (Twilio's default).
    Desc,
}

/// Every filter of `GET /v2/RegulatoryCompliance/Bundles`. `Default` lists everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleFilter {
    /// `Status`.
    pub status: Option<BundleStatus>,
    /// `BundleSids`: at most 20, sent comma-separated.
    pub bundle_sids: Vec<String>,
    /// `FriendlyName`.
    pub friendly_name: Option<String>,
    /// `RegulationSid`.
    pub regulation_sid: Option<String>,
    /// `IsoCountry`.
    pub iso_country: Option<String>,
    /// `NumberType` (free text on Twilio's side).
    pub number_type: Option<String>,
    /// `EndUserType`.
    pub end_user_type: Option<EndUserType>,
    /// `HasValidUntilDate`.
    pub has_valid_until_date: Option<bool>,
    /// `SortBy`.
    pub sort_by: Option<BundleSortBy>,
    /// `SortDirection`.
    pub sort_direction: Option<SortDirection>,
    /// `ValidUntilDate` (plain form; semantics unverified).
    pub valid_until_date: Option<OffsetDateTime>,
    /// `ValidUntilDate<`: upper bound on `valid_until`.
    pub valid_until_before: Option<OffsetDateTime>,
    /// `ValidUntilDate>`: lower bound on `valid_until`.
    pub valid_until_after: Option<OffsetDateTime>,
    /// `PageSize` (1..1000; Twilio's default is 50).
    pub page_size: Option<u32>,
}

impl BundleFilter {
    /// The lifecycle's discovery query: approved bundles with a deadline, soonest first.
    pub fn expiring() -> Self {
        Self {
            status: Some(BundleStatus::TwilioApproved),
            has_valid_until_date: Some(true),
            sort_by: Some(BundleSortBy::ValidUntil),
            sort_direction: Some(SortDirection::Asc),
            ..Self::default()
        }
    }

    /// The query parameters, in Twilio's names.
    pub fn to_params(&self) -> Params {
        let mut params = Params::new();
        params
            .push_opt("Status", self.status.map(|s| s.as_str()))
            .push_opt(
                "BundleSids",
                (!self.bundle_sids.is_empty()).then(|| self.bundle_sids.join(",")),
            )
            .push_opt("FriendlyName", self.friendly_name.clone())
            .push_opt("RegulationSid", self.regulation_sid.clone())
            .push_opt("IsoCountry", self.iso_country.clone())
            .push_opt("NumberType", self.number_type.clone())
            .push_opt("EndUserType", self.end_user_type.map(|t| t.as_str()))
            .push_bool("HasValidUntilDate", self.has_valid_until_date)
            .push_opt(
                "SortBy",
                self.sort_by.map(|by| match by {
                    BundleSortBy::ValidUntil => "valid-until",
                    BundleSortBy::DateUpdated => "date-updated",
                }),
            )
            .push_opt(
                "SortDirection",
                self.sort_direction.map(|d| match d {
                    SortDirection::Asc => "ASC",
                    SortDirection::Desc => "DESC",
                }),
            )
            .push_datetime("ValidUntilDate", self.valid_until_date)
            .push_datetime("ValidUntilDate<", self.valid_until_before)
            .push_datetime("ValidUntilDate>", self.valid_until_after)
            .push_opt("PageSize", self.page_size.map(|n| n.to_string()));
        params
    }
}

/// Filters of `GET /v2/RegulatoryCompliance/Regulations`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegulationFilter {
    /// `EndUserType`.
    pub end_user_type: Option<EndUserType>,
    /// `IsoCountry`.
    pub iso_country: Option<String>,
    /// `NumberType`.
    pub number_type: Option<String>,
    /// `IncludeConstraints`.
    pub include_constraints: bool,
    /// `PageSize`.
    pub page_size: Option<u32>,
}

impl RegulationFilter {
    /// The query parameters, in Twilio's names.
    pub fn to_params(&self) -> Params {
        let mut params = Params::new();
        params
            .push_opt("EndUserType", self.end_user_type.map(|t| t.as_str()))
            .push_opt("IsoCountry", self.iso_country.clone())
            .push_opt("NumberType", self.number_type.clone())
            .push_bool(
                "IncludeConstraints",
                self.include_constraints.then_some(true),
            )
            .push_opt("PageSize", self.page_size.map(|n| n.to_string()));
        params
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_expiring_filter_asks_for_approved_bundles_with_a_deadline_soonest_first() {
        let mut filter = BundleFilter::expiring();
        filter.valid_until_before = Some(datetime!(2030-06-01 0:00 UTC));
        filter.valid_until_after = Some(datetime!(2030-01-01 0:00 UTC));
        assert_eq!(
            filter.to_params().encode(),
            "Status=twilio-approved&HasValidUntilDate=true&SortBy=valid-until&SortDirection=ASC\
             &ValidUntilDate%3C=2030-06-01T00%3A00%3A00Z&ValidUntilDate%3E=2030-01-01T00%3A00%3A00Z"
        );
    }

    #[test]
    fn every_bundle_filter_has_its_wire_name() {
        let filter = BundleFilter {
            status: Some(BundleStatus::Draft),
            bundle_sids: vec!["BU1".into(), "BU2".into()],
            friendly_name: Some("Acme".into()),
            regulation_sid: Some("RN1".into()),
            iso_country: Some("AU".into()),
            number_type: Some("mobile".into()),
            end_user_type: Some(EndUserType::Business),
            has_valid_until_date: Some(false),
            sort_by: Some(BundleSortBy::DateUpdated),
            sort_direction: Some(SortDirection::Desc),
            valid_until_date: Some(datetime!(2031-01-02 3:04:05 UTC)),
            valid_until_before: None,
            valid_until_after: None,
            page_size: Some(7),
        };
        let keys: Vec<&str> = filter.to_params().pairs().iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            vec![
                "Status",
                "BundleSids",
                "FriendlyName",
                "RegulationSid",
                "IsoCountry",
                "NumberType",
                "EndUserType",
                "HasValidUntilDate",
                "SortBy",
                "SortDirection",
                "ValidUntilDate",
                "PageSize"
            ]
        );
        assert!(filter.to_params().encode().contains("BundleSids=BU1%2CBU2"));
        assert!(BundleFilter::default().to_params().pairs().is_empty());
    }

    #[test]
    fn regulation_filters_send_include_constraints_only_when_asked() {
        let filter = RegulationFilter {
            iso_country: Some("DE".into()),
            include_constraints: true,
            ..RegulationFilter::default()
        };
        assert_eq!(
            filter.to_params().encode(),
            "IsoCountry=DE&IncludeConstraints=true"
        );
        assert!(RegulationFilter::default().to_params().pairs().is_empty());
    }
}
