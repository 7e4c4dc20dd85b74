# Correcting values that already pass, and the review page before submitting.
correct-title = Correct a value that is already accepted
correct-lead = Twilio's check accepts these values. If one is wrong (a typo in a name, an old phone number), correct it here: saving sends it to Twilio and checks it again.
correct-end-user-summary = The details of the business or person.
correct-document-summary = The details of this document.
correct-button = Save corrections and check with Twilio
correct-hint = Only the values you change are sent.
review-and-submit-button = Review and submit
review-title = Review before submitting
review-back = Back to the update
review-lead = This is everything that will go to Twilio for review. Check each value; use Edit to correct anything.
review-missing-title = { $count ->
    [one] Twilio's check still finds one thing missing
   *[other] Twilio's check still finds { $count } things missing
}
review-missing-then = Complete these on the update page; you can submit once nothing is missing.
review-needs-attention = Needs attention
review-edit = Edit
review-nothing-yet = Nothing is here yet.
review-shown-above = Met by what is shown above: { $names }.
review-not-given = Not given
review-files = Files
review-file-at-twilio = A { $type } file is already with Twilio.
review-other-group = Also sent to Twilio
review-end-user = Details
review-submit-confirm = By submitting, you confirm that this information is correct.
review-rejected = Twilio's review did not accept this document.
