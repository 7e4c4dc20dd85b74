//! One askama struct per email template (`templates/emails/<kind>/{subject.txt, body.txt,
//! body.html}`). Emails about one renewal render an [`EmailView`]; the digest adds its
//! [`DigestItem`]s; fleet-level staff alerts render a [`StaffProblemView`] (English: their
//! footer block replaces the customer footer).

use askama::Template;

use crate::brand::Brand;
use crate::i18n::{Tr, Translated};
use crate::lifecycle::what_changed::ChangeNote;

/// What every email about a renewal can show, in the recipient's language.
#[derive(Debug, Clone, Default)]
pub struct EmailView {
    /// The recipient's language (and the tenant's time zone).
    pub tr: Tr,
    /// The ISV's brand.
    pub brand: Brand,
    /// "Hello Ada," (or "Hello," when the name is not known).
    pub greeting: String,
    /// The tenant (end customer company).
    pub tenant_name: String,
    /// The bundle's name.
    pub bundle_name: String,
    /// `BU…`.
    pub bundle_sid: String,
    /// The regulation's name.
    pub regulation_name: String,
    /// The deadline, e.g. "1 June 2030".
    pub deadline: String,
    /// The days left in words ("12 days left", "Due today"), counted as the pages count them.
    pub days_left: String,
    /// Where to click.
    pub link: String,
    /// How long the link works ("The link is yours alone and works for 30 days, …").
    pub link_note: String,
    /// Why (staff alerts, rejections).
    pub reason: String,
    /// Rejected documents: (name, reason).
    pub documents: Vec<(String, String)>,
    /// What Twilio's change asks of this bundle (action-needed emails).
    pub change_note: Option<ChangeNote>,
    /// What Twilio still finds missing, one line per requirement, in the portal's words.
    pub missing: Vec<String>,
    /// Submitted: recomply submitted by itself, nothing being missing.
    pub automatic: bool,
    /// "Submit by 12 December — Twilio needs about 2 business days to review" (emails asking
    /// for information; empty otherwise).
    pub submit_by: String,
}

impl EmailView {
    /// The message `id` with every fact of the email as arguments (`$bundle`, `$tenant`,
    /// `$regulation`, `$deadline`, `$days`, `$reason`, `$product`, `$company`).
    pub fn say(&self, id: &str) -> String {
        let text = |s: &str| Translated::Text(s.to_owned());
        self.tr.lookup(
            id,
            &[
                ("bundle", text(&self.bundle_name)),
                ("sid", text(&self.bundle_sid)),
                ("tenant", text(&self.tenant_name)),
                ("regulation", text(&self.regulation_name)),
                ("deadline", text(&self.deadline)),
                ("days", text(&self.days_left)),
                ("reason", text(&self.reason)),
                ("product", text(&self.brand.product_name)),
                ("company", text(self.brand.company())),
            ],
        )
    }

    /// The message `id` alone.
    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }
}

/// "Hello Ada," for a known name, else "Hello,".
pub fn greeting(tr: &Tr, name: &str) -> String {
    match name.trim() {
        "" => tr.t("email-hello"),
        name => tr.t1("email-hello-name", "name", name),
    }
}

/// One bundle of a digest, in the recipient's language.
#[derive(Debug, Clone, Default)]
pub struct DigestItem {
    /// The bundle's name.
    pub bundle_name: String,
    /// The regulation's name.
    pub regulation_name: String,
    /// The deadline in words.
    pub deadline: String,
    /// The days left in words.
    pub days_left: String,
    /// What is missing, one line per requirement.
    pub missing: Vec<String>,
    /// The submit-by note (empty when there is none).
    pub submit_by: String,
    /// The recipient's link into this renewal.
    pub link: String,
}

/// A staff alert about the fleet (a tenant's credentials, a dead job), in English.
#[derive(Debug, Clone, Default)]
pub struct StaffProblemView {
    /// English, dates in UTC.
    pub tr: Tr,
    /// The ISV's brand (the product name staff know).
    pub brand: Brand,
    /// "Hello Sam,".
    pub greeting: String,
    /// The subject, after the product name.
    pub subject: String,
    /// The first sentence: what happened.
    pub headline: String,
    /// Label and value lines (tenant, job, error…).
    pub facts: Vec<(String, String)>,
    /// What to do about it.
    pub advice: String,
    /// The staff page to open.
    pub link: String,
    /// The button's label.
    pub button: String,
}

/// A rendered email.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Subject line.
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML.
    pub html: String,
}

macro_rules! email_templates {
    ($render:ident, $view:ty, $subject:ident, $text:ident, $html:ident,
     $subject_path:literal, $text_path:literal, $html_path:literal) => {
        #[derive(Template)]
        #[template(path = $subject_path)]
        struct $subject<'a> {
            v: &'a $view,
        }
        #[derive(Template)]
        #[template(path = $text_path)]
        struct $text<'a> {
            v: &'a $view,
        }
        #[derive(Template)]
        #[template(path = $html_path)]
        struct $html<'a> {
            v: &'a $view,
        }
        /// Renders this kind of email.
        pub fn $render(v: &$view) -> askama::Result<Rendered> {
            Ok(Rendered {
                subject: $subject { v }.render()?.trim().to_owned(),
                text: $text { v }.render()?,
                html: $html { v }.render()?,
            })
        }
    };
}

email_templates!(
    action_needed,
    EmailView,
    ActionNeededSubject,
    ActionNeededText,
    ActionNeededHtml,
    "emails/action_needed/subject.txt",
    "emails/action_needed/body.txt",
    "emails/action_needed/body.html"
);
email_templates!(
    reminder,
    EmailView,
    ReminderSubject,
    ReminderText,
    ReminderHtml,
    "emails/reminder/subject.txt",
    "emails/reminder/body.txt",
    "emails/reminder/body.html"
);
email_templates!(
    submitted,
    EmailView,
    SubmittedSubject,
    SubmittedText,
    SubmittedHtml,
    "emails/submitted/subject.txt",
    "emails/submitted/body.txt",
    "emails/submitted/body.html"
);
email_templates!(
    rejected,
    EmailView,
    RejectedSubject,
    RejectedText,
    RejectedHtml,
    "emails/rejected/subject.txt",
    "emails/rejected/body.txt",
    "emails/rejected/body.html"
);
email_templates!(
    completed,
    EmailView,
    CompletedSubject,
    CompletedText,
    CompletedHtml,
    "emails/completed/subject.txt",
    "emails/completed/body.txt",
    "emails/completed/body.html"
);
email_templates!(
    expired,
    EmailView,
    ExpiredSubject,
    ExpiredText,
    ExpiredHtml,
    "emails/expired/subject.txt",
    "emails/expired/body.txt",
    "emails/expired/body.html"
);
email_templates!(
    staff_alert,
    EmailView,
    StaffAlertSubject,
    StaffAlertText,
    StaffAlertHtml,
    "emails/staff_alert/subject.txt",
    "emails/staff_alert/body.txt",
    "emails/staff_alert/body.html"
);
email_templates!(
    staff_problem,
    StaffProblemView,
    StaffProblemSubject,
    StaffProblemText,
    StaffProblemHtml,
    "emails/staff_problem/subject.txt",
    "emails/staff_problem/body.txt",
    "emails/staff_problem/body.html"
);

#[derive(Template)]
#[template(path = "emails/action_digest/subject.txt")]
struct ActionDigestSubject<'a> {
    v: &'a EmailView,
    items: &'a [DigestItem],
}
#[derive(Template)]
#[template(path = "emails/action_digest/body.txt")]
struct ActionDigestText<'a> {
    v: &'a EmailView,
    items: &'a [DigestItem],
}
#[derive(Template)]
#[template(path = "emails/action_digest/body.html")]
struct ActionDigestHtml<'a> {
    v: &'a EmailView,
    items: &'a [DigestItem],
}

/// Renders the digest of several bundles needing action (`v` carries the recipient, the
/// tenant, the earliest deadline and the links' lifetime).
pub fn action_digest(v: &EmailView, items: &[DigestItem]) -> askama::Result<Rendered> {
    Ok(Rendered {
        subject: ActionDigestSubject { v, items }.render()?.trim().to_owned(),
        text: ActionDigestText { v, items }.render()?,
        html: ActionDigestHtml { v, items }.render()?,
    })
}
