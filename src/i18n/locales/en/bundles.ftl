# The bundle list and a bundle's history.

bundles-lead = Each bundle holds the business information Twilio needs to keep your phone numbers in service.
bundles-need-attention = { $count ->
    [one] One of them needs your attention.
   *[other] { $count } of them need your attention.
}
bundles-find = Find a bundle
bundles-find-placeholder = Name, BU… SID or country
bundles-search = Search
bundles-show-all = Show all
bundles-no-match = No bundle matches “{ $query }”
bundles-no-match-hint = Try part of the bundle's name, its SID (BU…) or the country.
bundles-page-empty = This page is empty
bundles-first-page = Back to the first page
bundles-nothing-title = Nothing to do
bundles-nothing = You have no regulatory bundles with us yet. When Twilio asks for updated information about your phone numbers, it will appear here and we will email you.
bundles-update-by = Update by
bundles-no-deadline = No deadline
bundles-for = for { $name }
bundles-view = View
bundles-history = History
bundles-of = of { $name }
bundles-pages = Pages of bundles
bundles-range = Bundles { $first }–{ $last } of { $total }
bundles-unnamed = Unnamed bundle
pager-previous = Previous
pager-next = Next
pager-page = Page { $page } of { $pages }

history-title = History — { $name }
history-heading = History of { $name }
history-none-title = No updates yet
history-none = Twilio has never asked for updated information on this bundle.
history-region = History
history-caption = Updates of this bundle, newest first
history-started = Started
history-deadline = Deadline
history-submitted = Submitted
history-finished = Finished
history-outcome = Outcome

bundles-ready-to-submit = Ready to submit
bundles-review-and-submit = Review and submit
bundles-rejected-explained = Twilio rejected this bundle and there is no deadline left to meet: it can no longer be updated here. Phone numbers that depend on it may stop working or cannot be renewed.
bundles-rejected-contact = To open a new bundle and move your numbers onto it, contact your provider's support team:
bundles-rejected-contact-provider = To open a new bundle and move your numbers onto it, contact your provider's support team (reply to any email we sent you about this bundle).
link-signed-in = You are already signed in, so you don't need this link.
link-continue-to-bundles = Continue to My bundles

bundles-numbers = { $count ->
    [one] 1 phone number uses this bundle
   *[other] { $count } phone numbers use this bundle
}
bundles-rejected-reason = Twilio's reason: { $reason }
bundles-test-bundle = This is a Twilio test bundle: Twilio rejects every test bundle, so it is never renewed. Nothing needs doing; if its phone numbers matter, contact your provider's support team to set up a real bundle.
