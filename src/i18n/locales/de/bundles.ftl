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
