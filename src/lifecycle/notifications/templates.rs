//! One askama struct per email template (`templates/emails/<kind>/{subject.txt, body.txt,
//! body.html}`), all rendering the same [`EmailView`].

use askama::Template;

use crate::brand::Brand;
use crate::i18n::{Tr, Translated};

/// What every email about a renewal can show, in the recipient's language.
#[derive(Debug, Clone, Default)]
pub struct EmailView {
    /// The recipient's language (and the tenant's time zone).
    pub tr: Tr,
    /// The ISV's brand.
    pub brand: Brand,
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
    /// The days left in words ("12 days left", "due today").
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
    pub change_note: Option<crate::lifecycle::what_changed::ChangeNote>,
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
    ($render:ident, $subject:ident, $text:ident, $html:ident,
     $subject_path:literal, $text_path:literal, $html_path:literal) => {
        #[derive(Template)]
        #[template(path = $subject_path)]
        struct $subject<'a> {
            v: &'a EmailView,
        }
        #[derive(Template)]
        #[template(path = $text_path)]
        struct $text<'a> {
            v: &'a EmailView,
        }
        #[derive(Template)]
        #[template(path = $html_path)]
        struct $html<'a> {
            v: &'a EmailView,
        }
        /// Renders this kind of email.
        pub fn $render(v: &EmailView) -> askama::Result<Rendered> {
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
    ActionNeededSubject,
    ActionNeededText,
    ActionNeededHtml,
    "emails/action_needed/subject.txt",
    "emails/action_needed/body.txt",
    "emails/action_needed/body.html"
);
email_templates!(
    reminder,
    ReminderSubject,
    ReminderText,
    ReminderHtml,
    "emails/reminder/subject.txt",
    "emails/reminder/body.txt",
    "emails/reminder/body.html"
);
email_templates!(
    submitted,
    SubmittedSubject,
    SubmittedText,
    SubmittedHtml,
    "emails/submitted/subject.txt",
    "emails/submitted/body.txt",
    "emails/submitted/body.html"
);
email_templates!(
    rejected,
    RejectedSubject,
    RejectedText,
    RejectedHtml,
    "emails/rejected/subject.txt",
    "emails/rejected/body.txt",
    "emails/rejected/body.html"
);
email_templates!(
    completed,
    CompletedSubject,
    CompletedText,
    CompletedHtml,
    "emails/completed/subject.txt",
    "emails/completed/body.txt",
    "emails/completed/body.html"
);
email_templates!(
    expired,
    ExpiredSubject,
    ExpiredText,
    ExpiredHtml,
    "emails/expired/subject.txt",
    "emails/expired/body.txt",
    "emails/expired/body.html"
);
email_templates!(
    staff_alert,
    StaffAlertSubject,
    StaffAlertText,
    StaffAlertHtml,
    "emails/staff_alert/subject.txt",
    "emails/staff_alert/body.txt",
    "emails/staff_alert/body.html"
);
