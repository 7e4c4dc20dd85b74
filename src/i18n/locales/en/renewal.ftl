# The renewal page, its form and the status page.

renewal-deadline = Deadline
renewal-progress = Progress
step-review = Review
step-update = Update
step-submit = Submit
step-twilio-review = Twilio review
step-done = Done
renewal-history-link = History of this bundle
back-to-bundles = Back to my bundles

form-choose = Choose…
form-error-summary = { $count ->
    [one] Please check one thing
   *[other] Please check { $count } things
}
rejection-title = Twilio asked for changes
rejection-fix = Correct the details below or replace the document, then submit again.
rejection-nothing-below = Twilio's automatic check finds nothing missing now, so there is nothing to fill in on this page. If the reasons above ask for something you cannot change here, contact your provider's support team before you submit again:
rejected-document-unnamed = A document
rejected-document-no-reason = Twilio did not accept this document.
renewal-unreadable-title = We could not read the saved information of this update
renewal-unreadable = Our support team has been told and will look at it. You don't need to do anything; we'll email you when the update can continue.
renewal-preparing-title = We're preparing your update
renewal-preparing = We are making a working copy of your bundle and asking Twilio exactly what needs to change. This usually takes a minute or two — we'll email you, or you can reload this page shortly.
renewal-reload = Reload
submit-title = Everything Twilio asks for is here
submit-lead = Twilio's check found nothing missing. Submit the update for review; Twilio usually answers within 24 business hours.
submit-button = Submit for review
submit-after-fix-title = Then submit the update again
submit-after-fix-lead = Twilio's automatic check finds nothing missing, but Twilio's review did not accept what is shown above. Replace it first, then submit the update for review again.
submit-again-title = Submit the update again
submit-again-lead = When you have dealt with Twilio's reasons above, submit the update for review again. Twilio usually answers within 24 business hours.
submit-not-compliant = Twilio's check still finds something missing, so the update was not submitted. Look at the sections below.
submit-twilio-failed = Twilio could not be reached, so the update was not submitted. Please try again in a few minutes.
renewal-not-evaluated = Twilio has not checked this bundle yet. We'll show what is needed as soon as it has.
renewal-replace-before-resubmit = Before you resubmit, you can also replace what Twilio did not accept:
renewal-needs = { $count ->
    [one] Twilio needs one thing before this bundle can be renewed. Fill in what you can and save; you can come back at any time before the deadline.
   *[other] Twilio needs { $count } things before this bundle can be renewed. Fill in what you can and save; you can come back at any time before the deadline.
}
twilio-says = Twilio says:
document-was-rejected = This document was rejected.
document-rejected = Twilio rejected this document.
document-not-accepted = Twilio did not accept this document. Upload a clearer or more recent copy, and correct its details if needed.
section-add-details = Add your details
section-add-document = Add: { $name }
section-details-for = Details for: { $name }
section-explain = Nothing to fill in here: the fields above cover it, or our team will help — reply to any of our emails.
upload-replacement = Upload a replacement
upload-replacement-hint = A clearer or more recent copy: PDF, JPEG or PNG of at most 10 MB. It takes the place of the rejected document.
upload-document = Upload the document
upload-document-hint = A PDF, JPEG or PNG of at most 10 MB.
form-which-document = Which document are you adding?
save-button = Save and check with Twilio
save-hint = Saving sends your changes to Twilio and checks them again. Submit for review becomes available once nothing is missing.
done-summary = Already done ({ $count })
done-badge = Done

save-done-compliant = Saved. Twilio's check found nothing missing: you can submit for review now.
save-done-still-missing = Saved. Twilio checked your changes; what still needs attention is shown below.
save-not-editable = This update cannot be changed right now. Reload the page to see where it stands.
save-twilio-failed = Twilio could not be reached, so nothing was saved. Everything you typed is still here: please try again in a few minutes.
save-too-large-title = The files are too large
save-too-large = Everything you send at once must stay under { $total } MB, and each document under { $each } MB. Go back, choose smaller files (or fewer at a time) and save again.
save-unreadable-title = The form could not be read
save-unreadable = Your browser sent the form incompletely. Go back and save again.
form-nothing-changed = Nothing was changed. Fill in at least one of the sections below, then save.
form-choose-file-again = Please choose the file again: files are not kept when something else on the page needs correcting.
form-choose-document = Choose which document you are adding
form-choose-file = Choose the file to upload (PDF, JPEG or PNG)
upload-empty = The file is empty. Choose the file again
upload-too-large = The file is larger than { $count } MB. Choose a smaller file
upload-unknown-type = The file must be a PDF, JPEG or PNG

field-error-required = Enter the { $label }
field-error-control-character = This contains an invisible control character (NUL) that cannot be saved. Remove it and try again.
field-error-too-long = { $label } must be { $max } characters or fewer
field-error-address-sids = Enter Address SIDs like AD followed by 32 letters and digits (0-9, a-f); not valid: { $bad }
field-error-choice = Choose one of the options for { $label }
field-error-email = Enter an email address like name@example.com
field-error-phone = Enter a phone number in international format, like +33612345678
field-error-format = { $label } is not in the expected format
field-error-url = Enter the { $label } as a web address, like https://www.example.com
field-error-date = Enter the { $label } as a real date, with day, month and year
field-error-date-future = The { $label } cannot be in the future
field-url-hint = Your public website or social media page, like https://www.example.com.
field-phone-hint = In international format, starting with + and the country code, like +33612345678.
field-address-sids-label = Address SID(s)
field-address-sids-hint = The SID of each address (AD followed by 32 letters and digits), as shown in your Twilio Console under Addresses. Separate several with commas.

failure-end-user-missing = We don't have your { $whose ->
    [individual] personal
   *[other] business
} details yet. Please fill them in below.
failure-end-user-field-missing = Some of your { $whose ->
    [individual] personal
   *[other] business
} details are missing or incomplete.
failure-document-missing = Twilio needs a document: { $document }. Please add it below.
failure-document-field-missing = Some details from your { $document } are missing, or do not match your { $whose ->
    [individual] personal
   *[other] business
} details exactly. Enter them exactly as they appear on the document.
failure-document-field-mismatch = Details on your { $document } do not match your { $whose ->
    [individual] personal
   *[other] business
} details. They must be exactly the same.
failure-address-missing = Twilio needs the address shown on your { $document }, as an address registered in your Twilio account.
failure-not-met = This requirement is not met yet.

status-submitted-title = Submitted to Twilio
status-in-review-title = Twilio is reviewing your update
status-submitted-on = You submitted the update on { $when }.
status-submitted-auto-on = Nothing was missing, so it was submitted for you on { $when }.
status-next-title = What happens next
status-next-1 = Twilio's compliance team checks the information and documents. This typically takes about 24 business hours, sometimes a little longer.
status-next-2 = If Twilio approves, we move the new information onto your phone numbers and tidy up. Nothing else is needed from you.
status-next-3 = If Twilio asks for changes, we'll email you and this page will show exactly what to fix.
status-numbers-keep-working = Your phone numbers keep working during the review.
status-rejected-documents = Documents Twilio did not accept
status-fix-title = How to fix it
status-fix-1 = Open the update and replace any rejected document with a clearer or more recent copy.
status-fix-2 = Correct the details Twilio mentions. They must match your documents exactly.
status-fix-3 = Save, then submit for review again.
status-waiting = Twilio needs some information from you before the deadline.
status-approved = Twilio approved your update. We are moving the new information onto your phone numbers; this finishes on its own within minutes.
status-completed-title = All done
status-completed-since = Your bundle is up to date since { $when }. Twilio no longer has a deadline on it, and your phone numbers stay in service.
status-completed = Your bundle is up to date. Twilio no longer has a deadline on it, and your phone numbers stay in service.
status-completed-nothing-else = Nothing else to do. We'll email you if Twilio ever asks for more.
status-expired-title = The deadline has passed
status-expired-on = The update was not approved before { $deadline }, so Twilio has marked the bundle as rejected. Phone numbers that depend on it may stop working or cannot be renewed.
status-expired = The update was not approved before the deadline, so Twilio has marked the bundle as rejected. Phone numbers that depend on it may stop working or cannot be renewed.
status-expired-what-now = What to do now
status-expired-contact = Contact your provider's support team straight away: they can open a new bundle with you and move your numbers onto it.
status-email-support = Email { $email }
status-reply-to-email = Reply to any email we sent you about this bundle.
status-cancelled-title = This update was cancelled
status-cancelled = Your provider cancelled this update, so there is nothing to do here.
status-questions = Questions? Write to
status-on-it-title = We're on it
status-on-it = Something needs a look from our team before this update can continue. You don't need to do anything: we'll email you as soon as it moves again.
status-in-a-hurry = In a hurry? Write to

checks-title = Twilio's checks
checks-none = Twilio has not checked this update yet.
checks-lead = Each time your information changed, Twilio checked it against its rules. Newest first.
check-nothing-missing = Nothing missing
check-something-needed = Something still needed
check-when-prepared = When we prepared the update
check-after-save = After { $who ->
    [you] you
    [support] our support team
    [user] { $user }
   *[other] us
} saved changes
check-again = Checked again by { $who ->
    [you] you
    [support] our support team
    [user] { $user }
   *[other] us
}
check-after-rejection = After Twilio's review asked for changes
check-by = { $who ->
    [you] you
    [support] our support team
    [user] { $user }
   *[other] us
}
evidence-lead = A record of everything done in this update:
evidence-pdf = download it as PDF
evidence-json = or as JSON

change-verdict = Verdict: { $old } → { $new }
change-now-passes = { $requirement } now passes
change-now-fails = { $requirement } now fails
change-end-user-added = End-User { $name } added
change-value = { $field }: “{ $old }” → “{ $new }”
change-document-added = Document “{ $name }” ({ $type }) added
change-document-removed = Document “{ $name }” ({ $type }) removed

numbers-at-risk = { $count ->
    [one] This phone number stops working on { $date } unless this bundle is updated.
   *[other] These { $count } phone numbers stop working on { $date } unless this bundle is updated.
}
numbers-show = { $count ->
    [one] Show the number
   *[other] Show the { $count } numbers
}
status-provisional-title = Twilio has provisionally approved your update
status-provisional-explained = Your phone numbers keep working meanwhile. Twilio still has to give its final approval; as soon as it does, we put the new information in place. There is nothing for you to do.
