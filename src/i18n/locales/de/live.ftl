# The status page while a renewal moves on by itself (Twilio's review, finishing).
live-following = Diese Seite aktualisiert sich selbst bis zum nächsten Schritt.
live-refresh = Jetzt aktualisieren
# How long Twilio's review usually takes, read from recent reviews.
live-review-under-an-hour = Das Compliance-Team von Twilio prüft die Angaben und Dokumente. Zuletzt dauerte das meist weniger als eine Stunde.
live-review-hours = { $count ->
    [one] Das Compliance-Team von Twilio prüft die Angaben und Dokumente. Zuletzt dauerte das meist etwa eine Stunde.
   *[other] Das Compliance-Team von Twilio prüft die Angaben und Dokumente. Zuletzt dauerte das meist etwa { $count } Stunden.
}
live-review-days = { $count ->
    [one] Das Compliance-Team von Twilio prüft die Angaben und Dokumente. Zuletzt dauerte das meist etwa einen Tag.
   *[other] Das Compliance-Team von Twilio prüft die Angaben und Dokumente. Zuletzt dauerte das meist etwa { $count } Tage.
}
