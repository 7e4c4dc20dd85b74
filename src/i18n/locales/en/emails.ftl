# Emails to customers. Arguments: $bundle, $tenant, $regulation, $deadline, $days, $reason,
# $product (the brand's product name), $company (the ISV's company, else the product name).

email-hello = Hello,
email-hello-name = Hello { $name },
email-thanks = Thank you.
email-signature = { $company }, on behalf of { $tenant }
email-help = Questions? Write to
email-see-details = See the details
email-details = Details:
email-your-regulation = your regulation
email-soon = soon
email-twilio-reason = Twilio's reason:
email-footer-why = You receive this email because your address is registered for { $tenant } in { $product }, which keeps the Twilio regulatory bundles of { $tenant } up to date.
email-help-page = Help and answers:
email-help-company = Questions? Contact { $company }.
email-link-plain = This address opens the page once you have signed in; it does not sign you in by itself.
email-missing-title = What is still missing:
email-missing-none = Twilio finds nothing missing: please check the information and submit it.
email-missing-line = { $requirement }: { $why }
email-missing-fields = { $why } Details concerned: { $fields }.

email-digest-subject = { $count ->
    [one] Action needed: 1 regulatory bundle to update by { $deadline }
   *[other] Action needed: { $count } regulatory bundles to update, the first by { $deadline }
}
email-digest-intro = { $count ->
    [one] Twilio changed its rules, and a regulatory bundle of { $tenant } must be updated before its deadline, or the phone numbers that depend on it are at risk.
   *[other] Twilio changed its rules, and { $count } regulatory bundles of { $tenant } must be updated before their deadlines, or the phone numbers that depend on them are at risk. Here is what each one needs, the most urgent first.
}
email-digest-deadline = Deadline: { $deadline } ({ $days })
email-digest-start = Start with “{ $bundle }”
email-digest-open = Update “{ $bundle }”
email-digest-links = { $count ->
    [one] Each link opens its own bundle; it is yours alone and works for 1 day, or until that bundle's renewal is finished, however often you use it.
   *[other] Each link opens its own bundle; it is yours alone and works for { $count } days, or until that bundle's renewal is finished, however often you use it.
}

email-action-needed-title = Action needed
email-action-needed-subject = Action needed: update the compliance information for { $bundle } by { $deadline }
email-action-needed-intro = Twilio changed the rules for “{ $regulation }”. The regulatory bundle “{ $bundle }” of { $tenant } must be updated by { $deadline } ({ $days }), or the phone numbers that depend on it are at risk.
email-action-needed-ask = We have prepared everything we can. Please open the page below, complete the missing information and submit it.
email-action-needed-button = Update the information

email-reminder-title = Reminder
email-reminder-subject = Reminder: { $days } to update { $bundle }
email-reminder-intro = The regulatory bundle “{ $bundle }” of { $tenant } still needs updated information. The deadline is { $deadline }: { $days }.
email-reminder-ask = Please complete and submit it here:
email-reminder-button = Complete and submit the information

email-submitted-title = Submitted
email-submitted-subject = Submitted for review: { $bundle }
email-submitted-intro = The updated information for “{ $bundle }” was submitted to Twilio. Reviews usually take about one business day; we will email you when Twilio has decided.
email-submitted-auto-intro = Nothing was missing from the information for “{ $bundle }”, so we submitted it to Twilio for you: there is nothing you need to do. Reviews usually take about one business day; we will email you when Twilio has decided.
email-submitted-follow = Follow the review
email-submitted-follow-here = Follow the review here:

email-rejected-title = Changes requested
email-rejected-subject = Action needed: Twilio asked for changes to { $bundle }
email-rejected-intro = Twilio reviewed the information for “{ $bundle }” and asked for changes.
email-rejected-ask = Please fix it and submit again before { $deadline }.

email-completed-title = Completed
email-completed-subject = Done: { $bundle } is up to date
email-completed-intro = Twilio approved the updated information for “{ $bundle }”, and it is now in place. The bundle no longer has a deadline and your phone numbers are unaffected. Nothing more is needed.

email-expired-title = Deadline passed
email-expired-subject = Deadline passed: Twilio rejected { $bundle }
email-expired-intro = The deadline of { $deadline } for updating “{ $bundle }” ({ $regulation }) has passed before Twilio approved the new information, and Twilio has rejected the bundle. Phone numbers that rely on it may be affected.
email-expired-contact = Please contact your provider's support team: they can help you start again.

email-link-subject = Your sign-in link for { $tenant }
email-link-sign-in = Use this link to sign in to { $product } for { $tenant }:
email-link-fresh-renewal = Here is a fresh link to your renewal in { $product } for { $tenant }:
email-link-button = Sign in
email-link-copy = If the button does not work, copy this address into your browser:
email-link-expired-hint = If it has expired, you can ask for a new one on the sign-in page.
email-link-not-you = If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.
link-lifetime-sign-in = { $count ->
    [one] The link works once and for 1 minute.
   *[other] The link works once and for { $count } minutes.
}
link-lifetime-renewal = { $count ->
    [one] The link is yours alone and works for 1 day, or until this renewal is finished, however often you use it.
   *[other] The link is yours alone and works for { $count } days, or until this renewal is finished, however often you use it.
}
