# The status page while a renewal moves on by itself (Twilio's review, finishing).
live-following = This page updates by itself until the next step.
live-refresh = Refresh now
# How long Twilio's review usually takes, read from recent reviews.
live-review-under-an-hour = Twilio's compliance team checks the information and documents. Recently this has usually taken less than an hour.
live-review-hours = { $count ->
    [one] Twilio's compliance team checks the information and documents. Recently this has usually taken about an hour.
   *[other] Twilio's compliance team checks the information and documents. Recently this has usually taken about { $count } hours.
}
live-review-days = { $count ->
    [one] Twilio's compliance team checks the information and documents. Recently this has usually taken about a day.
   *[other] Twilio's compliance team checks the information and documents. Recently this has usually taken about { $count } days.
}
