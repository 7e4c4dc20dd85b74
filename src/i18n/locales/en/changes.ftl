# What Twilio's regulation change asks of a bundle (Twilio's names kept as they are).

whats-new-title = New since your bundle was approved
whats-changed-title = What changed
whats-new-unknown = We had not seen this regulation before Twilio set the deadline, so we cannot say exactly what changed. The sections below ask for everything Twilio needs now.
whats-new-unchanged = Twilio set a deadline without changing what it asks for: the information on this bundle only needs checking and submitting again.
whats-new-end-user-field = A new detail: { $field }
whats-new-document = A new document: { $requirement } ({ $accepted })
whats-new-accepted = { $requirement } now also accepts: { $document }
whats-new-document-fields = { $document } must now show: { $fields }
