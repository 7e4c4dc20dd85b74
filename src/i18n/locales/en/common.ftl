# The frame of every customer page, dates, countdowns and renewal states.

skip-to-content = Skip to main content
nav-main = Main
nav-my-bundles = My bundles
nav-sign-out = Sign out
footer-default = { $product } keeps your phone-number compliance information up to date with Twilio.
footer-help = Help
language-switcher = Language

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $day } { $month } { $year }
date-time = { $date }, { $time } { $zone }

countdown-left = { $count ->
    [one] 1 day left
   *[other] { $count } days left
}
countdown-today = Due today
countdown-overdue = { $count ->
    [one] 1 day overdue
   *[other] { $count } days overdue
}

state-detected = Update needed
state-copy-created = Preparing
state-collecting = Waiting for your information
state-submitted = Submitted
state-in-review = In review at Twilio
state-rejected = Changes requested
state-approved = Approved
state-finishing = Finishing
state-completed = Completed
state-expired = Expired
state-cancelled = Cancelled
state-needs-attention = Needs attention

bundle-status-draft = Draft
bundle-status-pending-review = Submitted to Twilio
bundle-status-in-review = In review at Twilio
bundle-status-twilio-approved = Approved by Twilio
bundle-status-twilio-rejected = Rejected by Twilio
bundle-status-provisionally-approved = Provisionally approved
bundle-status-unknown = Unknown

numbers-mobile = Mobile numbers
numbers-local = Local numbers
numbers-national = National numbers
numbers-toll-free = Toll-free numbers
numbers-any = Phone numbers
regulation-in-country = { $numbers } { $where }
regulation-for-business = { $regulation }, for a business
regulation-for-individual = { $regulation }, for an individual

action-fix-and-resubmit = Fix and resubmit
action-update-information = Update information

error-prefix = Error:
optional = (optional)

submit-by-note = Submit by { $date } — Twilio needs about { $count ->
    [one] one business day
   *[other] { $count } business days
} to review.
submit-by-passed = Please submit as soon as possible: the date to submit by, { $date }, has passed, and Twilio needs about { $count ->
    [one] one business day
   *[other] { $count } business days
} to review.
