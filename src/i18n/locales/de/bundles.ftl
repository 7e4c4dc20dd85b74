# Die Liste der Bundles und der Verlauf eines Bundles.

bundles-lead = Jedes Bundle enthält die Unternehmensangaben, die Twilio benötigt, damit Ihre Telefonnummern in Betrieb bleiben.
bundles-need-attention = { $count ->
    [one] Eines davon erfordert Ihre Aufmerksamkeit.
   *[other] { $count } davon erfordern Ihre Aufmerksamkeit.
}
bundles-find = Bundle suchen
bundles-find-placeholder = Name, BU…-SID oder Land
bundles-search = Suchen
bundles-show-all = Alle anzeigen
bundles-no-match = Kein Bundle entspricht „{ $query }“
bundles-no-match-hint = Versuchen Sie es mit einem Teil des Bundle-Namens, seiner SID (BU…) oder dem Land.
bundles-page-empty = Diese Seite ist leer
bundles-first-page = Zurück zur ersten Seite
bundles-nothing-title = Nichts zu tun
bundles-nothing = Sie haben bei uns noch keine regulatorischen Bundles. Sobald Twilio aktualisierte Angaben zu Ihren Telefonnummern anfordert, erscheinen sie hier und wir benachrichtigen Sie per E-Mail.
bundles-update-by = Aktualisieren bis
bundles-no-deadline = Keine Frist
bundles-for = für { $name }
bundles-view = Anzeigen
bundles-history = Verlauf
bundles-of = von { $name }
bundles-pages = Seiten der Bundle-Liste
bundles-range = Bundles { $first }–{ $last } von { $total }
bundles-unnamed = Unbenanntes Bundle
pager-previous = Zurück
pager-next = Weiter
pager-page = Seite { $page } von { $pages }

history-title = Verlauf — { $name }
history-heading = Verlauf von { $name }
history-none-title = Noch keine Aktualisierungen
history-none = Twilio hat für dieses Bundle noch nie aktualisierte Angaben angefordert.
history-region = Verlauf
history-caption = Aktualisierungen dieses Bundles, neueste zuerst
history-started = Begonnen
history-deadline = Frist
history-submitted = Eingereicht
history-finished = Abgeschlossen
history-outcome = Ergebnis

bundles-ready-to-submit = Bereit zum Einreichen
bundles-review-and-submit = Prüfen und einreichen
bundles-rejected-explained = Twilio hat dieses Bundle abgelehnt, und es gibt keine Frist mehr einzuhalten: Es kann hier nicht mehr aktualisiert werden. Telefonnummern, die davon abhängen, funktionieren möglicherweise nicht mehr oder können nicht verlängert werden.
bundles-rejected-contact = Um ein neues Bundle anzulegen und Ihre Nummern dorthin zu übertragen, wenden Sie sich an den Support Ihres Anbieters:
bundles-rejected-contact-provider = Um ein neues Bundle anzulegen und Ihre Nummern dorthin zu übertragen, wenden Sie sich an den Support Ihres Anbieters (antworten Sie auf eine unserer E-Mails zu diesem Bundle).
link-signed-in = Sie sind bereits angemeldet und brauchen diesen Link nicht.
link-continue-to-bundles = Weiter zu Meine Bundles

bundles-numbers = { $count ->
    [one] 1 Telefonnummer nutzt dieses Bundle
   *[other] { $count } Telefonnummern nutzen dieses Bundle
}
bundles-rejected-reason = Begründung von Twilio: { $reason }
bundles-test-bundle = Dies ist ein Test-Bundle von Twilio: Twilio lehnt jedes Test-Bundle ab, daher wird es nie erneuert. Sie müssen nichts tun; wenn die Rufnummern wichtig sind, bitten Sie das Support-Team Ihres Anbieters, ein echtes Bundle einzurichten.
