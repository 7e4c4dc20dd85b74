//! Item Assignments: which End-Users and Supporting Documents a bundle holds (rows 13–16).

use crate::domain::sid::{BundleSid, ItemAssignmentSid};
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::resources::{ItemAssignment, Page};
use crate::twilio::retry::Idempotency;

impl TenantTwilio {
    /// `GET /Bundles/{bundle_sid}/ItemAssignments`: the first page.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid))]
    pub async fn list_item_assignments(
        &self,
        bundle_sid: &BundleSid,
    ) -> Result<Page<ItemAssignment>, TwilioError> {
        self.get_json(
            "list_item_assignments",
            self.api_url(&["Bundles", bundle_sid.as_str(), "ItemAssignments"]),
            &Params::new(),
        )
        .await
    }

    /// Every assignment of a bundle, across all pages.
    pub async fn list_all_item_assignments(
        &self,
        bundle_sid: &BundleSid,
    ) -> Result<Vec<ItemAssignment>, TwilioError> {
        let first = self.list_item_assignments(bundle_sid).await?;
        self.collect_pages(first).await
    }

    /// `POST /Bundles/{bundle_sid}/ItemAssignments` with `ObjectSid` (`IT…` or `RD…`). A create:
    /// after a 5xx or timeout, re-list the assignments before trying again.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid, object_sid = %object_sid))]
    pub async fn create_item_assignment(
        &self,
        bundle_sid: &BundleSid,
        object_sid: &str,
    ) -> Result<ItemAssignment, TwilioError> {
        let mut params = Params::new();
        params.push("ObjectSid", object_sid);
        self.post_form(
            "create_item_assignment",
            self.api_url(&["Bundles", bundle_sid.as_str(), "ItemAssignments"]),
            &params,
            Idempotency::Create,
        )
        .await
    }

    /// `GET /Bundles/{bundle_sid}/ItemAssignments/{sid}`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid, assignment_sid = %sid))]
    pub async fn fetch_item_assignment(
        &self,
        bundle_sid: &BundleSid,
        sid: &ItemAssignmentSid,
    ) -> Result<ItemAssignment, TwilioError> {
        self.get_json(
            "fetch_item_assignment",
            self.api_url(&[
                "Bundles",
                bundle_sid.as_str(),
                "ItemAssignments",
                sid.as_str(),
            ]),
            &Params::new(),
        )
        .await
    }

    /// `DELETE /Bundles/{bundle_sid}/ItemAssignments/{sid}`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bundle_sid = %bundle_sid, assignment_sid = %sid))]
    pub async fn delete_item_assignment(
        &self,
        bundle_sid: &BundleSid,
        sid: &ItemAssignmentSid,
    ) -> Result<(), TwilioError> {
        self.delete(
            "delete_item_assignment",
            self.api_url(&[
                "Bundles",
                bundle_sid.as_str(),
                "ItemAssignments",
                sid.as_str(),
            ]),
        )
        .await
    }
}
