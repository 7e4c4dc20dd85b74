//! Supporting Documents, with and without a file (docs/emulator-fidelity.md, rows 27–30 and 33).

use crate::domain::sid::SupportingDocumentSid;
use crate::twilio::client::TenantTwilio;
use crate::twilio::error::TwilioError;
use crate::twilio::form::Params;
use crate::twilio::requests::{DocumentUpload, NewSupportingDocument, SupportingDocumentUpdate};
use crate::twilio::resources::SupportingDocument;
use crate::twilio::retry::Idempotency;

impl TenantTwilio {
    /// `POST /SupportingDocuments` (metadata only; a create).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id()))]
    pub async fn create_supporting_document(
        &self,
        document: &NewSupportingDocument,
    ) -> Result<SupportingDocument, TwilioError> {
        self.post_form(
            "create_supporting_document",
            self.api_url(&["SupportingDocuments"]),
            &document.to_params(),
            Idempotency::Create,
        )
        .await
    }

    /// Uploads a document with its file: multipart `POST` to the upload host with
    /// `FriendlyName`, `Type`, `Attributes` and `File` (a create).
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), bytes = upload.content.len()))]
    pub async fn upload_supporting_document(
        &self,
        upload: &DocumentUpload,
    ) -> Result<SupportingDocument, TwilioError> {
        self.post_upload(
            "upload_supporting_document",
            self.upload_url(&["SupportingDocuments"]),
            upload,
        )
        .await
    }

    /// `GET /SupportingDocuments/{sid}`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), document_sid = %sid))]
    pub async fn fetch_supporting_document(
        &self,
        sid: &SupportingDocumentSid,
    ) -> Result<SupportingDocument, TwilioError> {
        self.get_json(
            "fetch_supporting_document",
            self.api_url(&["SupportingDocuments", sid.as_str()]),
            &Params::new(),
        )
        .await
    }

    /// `POST /SupportingDocuments/{sid}` with `FriendlyName` and/or the full `Attributes`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), document_sid = %sid))]
    pub async fn update_supporting_document(
        &self,
        sid: &SupportingDocumentSid,
        update: &SupportingDocumentUpdate,
    ) -> Result<SupportingDocument, TwilioError> {
        self.post_form(
            "update_supporting_document",
            self.api_url(&["SupportingDocuments", sid.as_str()]),
            &update.to_params(),
            Idempotency::Safe,
        )
        .await
    }

    /// `DELETE /SupportingDocuments/{sid}`.
    #[tracing::instrument(skip_all, fields(tenant_id = %self.tenant_id(), document_sid = %sid))]
    pub async fn delete_supporting_document(
        &self,
        sid: &SupportingDocumentSid,
    ) -> Result<(), TwilioError> {
        self.delete(
            "delete_supporting_document",
            self.api_url(&["SupportingDocuments", sid.as_str()]),
        )
        .await
    }
}
