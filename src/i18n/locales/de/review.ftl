# Bereits akzeptierte Angaben korrigieren, und die Übersicht vor dem Einreichen.
correct-title = Eine bereits akzeptierte Angabe korrigieren
correct-lead = Twilios Prüfung akzeptiert diese Angaben. Ist eine davon falsch (ein Tippfehler im Namen, eine alte Telefonnummer), korrigieren Sie sie hier: Beim Speichern geht sie an Twilio und wird erneut geprüft.
correct-end-user-summary = Die Angaben zum Unternehmen oder zur Person.
correct-document-summary = Die Angaben zu diesem Dokument.
correct-button = Korrekturen speichern und bei Twilio prüfen
correct-hint = Nur die geänderten Angaben werden gesendet.
review-and-submit-button = Prüfen und einreichen
review-title = Vor dem Einreichen prüfen
review-back = Zurück zur Aktualisierung
review-lead = Das ist alles, was Twilio zur Prüfung erhält. Kontrollieren Sie jede Angabe; mit „Bearbeiten“ korrigieren Sie sie.
review-missing-title = { $count ->
    [one] Twilios Prüfung vermisst noch eine Angabe
   *[other] Twilios Prüfung vermisst noch { $count } Angaben
}
review-missing-then = Ergänzen Sie diese auf der Seite der Aktualisierung; sobald nichts mehr fehlt, können Sie einreichen.
review-needs-attention = Zu erledigen
review-edit = Bearbeiten
review-nothing-yet = Hier ist noch nichts.
review-shown-above = Erfüllt durch das oben Gezeigte: { $names }.
review-not-given = Nicht angegeben
review-files = Dateien
review-file-at-twilio = Eine { $type }-Datei liegt Twilio bereits vor.
review-other-group = Ebenfalls an Twilio
review-end-user = Angaben
review-submit-confirm = Mit dem Einreichen bestätigen Sie, dass diese Angaben stimmen.
review-rejected = Twilios Prüfung hat dieses Dokument nicht akzeptiert.
