//! The filters of `GET /Bundles` (status, SIDs, name, regulation, country, number type,
//! end-user type, valid_until presence and bounds), and the slice of the valid_until order
//! they allow.

use std::ops::Bound;

use super::vocabulary;
use crate::emulator::bundle_index::{KeyRange, SortKey};
use crate::emulator::clock::{self, Timestamp};
use crate::emulator::error::{ApiError, ApiResult};
use crate::emulator::extract::Params;
use crate::emulator::model::{Bundle, BundleStatus};
use crate::emulator::sid;
use crate::emulator::store::Store;

/// The parsed filters. `FriendlyName` matches exactly (an emulator choice).
#[derive(Debug, Default)]
pub struct Filters {
    /// `Status`.
    pub status: Option<BundleStatus>,
    /// `BundleSids`.
    pub sids: Option<Vec<String>>,
    friendly_name: Option<String>,
    regulation_sid: Option<String>,
    iso_country: Option<String>,
    number_type: Option<&'static str>,
    end_user_type: Option<&'static str>,
    has_valid_until: Option<bool>,
    valid_until: Option<Timestamp>,
    valid_until_max: Option<Timestamp>,
    valid_until_min: Option<Timestamp>,
}

fn date_param(query: &Params, name: &str) -> ApiResult<Option<Timestamp>> {
    query
        .get(name)
        .map(|text| {
            clock::parse(text)
                .ok_or_else(|| ApiError::invalid(name, "expected an ISO 8601 date-time"))
        })
        .transpose()
}

impl Filters {
    /// Reads the filters (a bad value is 20001 naming the parameter).
    pub fn parse(query: &Params) -> ApiResult<Self> {
        let status = query
            .get("Status")
            .map(|s| BundleStatus::parse(s).ok_or_else(|| ApiError::invalid("Status", s)))
            .transpose()?;
        let sids = query
            .get("BundleSids")
            .map(|list| {
                let sids: Vec<String> = list.split(',').map(|s| s.trim().to_owned()).collect();
                if sids.len() > 20 || !sids.iter().all(|s| sid::has_shape(s, "BU")) {
                    return Err(ApiError::invalid(
                        "BundleSids",
                        "up to 20 comma-separated BU SIDs",
                    ));
                }
                Ok(sids)
            })
            .transpose()?;
        let number_type = query
            .get("NumberType")
            .map(|t| vocabulary::number_type(t).ok_or_else(|| ApiError::invalid("NumberType", t)))
            .transpose()?;
        let end_user_type = query
            .get("EndUserType")
            .map(|t| {
                vocabulary::end_user_type(t).ok_or_else(|| ApiError::invalid("EndUserType", t))
            })
            .transpose()?;
        Ok(Self {
            status,
            sids,
            friendly_name: query.get("FriendlyName").map(str::to_owned),
            regulation_sid: query.get("RegulationSid").map(str::to_owned),
            iso_country: query.get("IsoCountry").map(str::to_owned),
            number_type,
            end_user_type,
            has_valid_until: query.bool("HasValidUntilDate")?,
            valid_until: date_param(query, "ValidUntilDate")?,
            valid_until_max: date_param(query, "ValidUntilDate<")?,
            valid_until_min: date_param(query, "ValidUntilDate>")?,
        })
    }

    fn needs_regulation(&self) -> bool {
        self.iso_country.is_some() || self.number_type.is_some() || self.end_user_type.is_some()
    }

    /// Whether `bundle` passes every filter.
    pub fn accepts(&self, store: &Store, bundle: &Bundle) -> bool {
        let bound = |limit: Option<Timestamp>, ok: fn(Timestamp, Timestamp) -> bool| {
            limit.is_none_or(|limit| bundle.valid_until.is_some_and(|v| ok(v, limit)))
        };
        let own_fields = self.status.is_none_or(|s| bundle.status == s)
            && self
                .sids
                .as_ref()
                .is_none_or(|sids| sids.contains(&bundle.sid))
            && self
                .friendly_name
                .as_ref()
                .is_none_or(|n| &bundle.friendly_name == n)
            && self
                .regulation_sid
                .as_ref()
                .is_none_or(|r| &bundle.regulation_sid == r)
            && self
                .has_valid_until
                .is_none_or(|has| bundle.valid_until.is_some() == has)
            && bound(self.valid_until, |v, limit| v == limit)
            && bound(self.valid_until_max, |v, limit| v <= limit)
            && bound(self.valid_until_min, |v, limit| v >= limit);
        if !own_fields || !self.needs_regulation() {
            return own_fields;
        }
        store.regulation_of(bundle).is_some_and(|r| {
            self.iso_country
                .as_ref()
                .is_none_or(|c| r.iso_country.eq_ignore_ascii_case(c))
                && self.number_type.is_none_or(|t| r.number_type == t)
                && self.end_user_type.is_none_or(|t| r.end_user_type == t)
        })
    }

    /// The keys of the valid_until order (see [`crate::emulator::bundle_index::sort_key`]) that
    /// the valid_until filters leave: every accepted bundle's key lies in it.
    pub fn valid_until_range(&self) -> KeyRange {
        let undated_only = self.has_valid_until == Some(false);
        let dated_only = self.has_valid_until == Some(true)
            || [self.valid_until, self.valid_until_max, self.valid_until_min]
                .iter()
                .any(Option::is_some);
        let from = [self.valid_until, self.valid_until_min]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(Timestamp::MIN);
        let until = [self.valid_until, self.valid_until_max]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(Timestamp::MAX);
        let low: SortKey = if undated_only {
            (true, Timestamp::MIN, 0)
        } else {
            (false, from, 0)
        };
        let high: SortKey = if dated_only {
            (false, until, u64::MAX)
        } else {
            (true, Timestamp::MAX, u64::MAX)
        };
        (Bound::Included(low), Bound::Included(high))
    }
}
