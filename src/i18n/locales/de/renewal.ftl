# Die Erneuerungsseite, ihr Formular und die Statusseite.

renewal-deadline = Frist
renewal-progress = Fortschritt
step-review = Prüfen
step-update = Aktualisieren
step-submit = Einreichen
step-twilio-review = Prüfung durch Twilio
step-done = Fertig
renewal-history-link = Verlauf dieses Bundles
back-to-bundles = Zurück zu meinen Bundles

form-choose = Auswählen…
form-error-summary = { $count ->
    [one] Bitte prüfen Sie eine Angabe
   *[other] Bitte prüfen Sie { $count } Angaben
}
rejection-title = Twilio hat Änderungen angefordert
rejection-fix = Korrigieren Sie die Angaben unten oder ersetzen Sie das Dokument, und reichen Sie die Aktualisierung dann erneut ein.
rejection-nothing-below = Twilios automatische Kontrolle findet jetzt nichts Fehlendes mehr, auf dieser Seite ist also nichts auszufüllen. Wenn die Gründe oben etwas verlangen, das Sie hier nicht ändern können, wenden Sie sich vor dem erneuten Einreichen an den Support Ihres Anbieters:
rejected-document-unnamed = Ein Dokument
rejected-document-no-reason = Twilio hat dieses Dokument nicht akzeptiert.
renewal-unreadable-title = Wir konnten die gespeicherten Angaben dieser Aktualisierung nicht lesen
renewal-unreadable = Unser Support-Team wurde informiert und kümmert sich darum. Sie müssen nichts tun; wir benachrichtigen Sie per E-Mail, sobald die Aktualisierung fortgesetzt werden kann.
renewal-preparing-title = Wir bereiten Ihre Aktualisierung vor
renewal-preparing = Wir erstellen eine Arbeitskopie Ihres Bundles und fragen bei Twilio nach, was genau geändert werden muss. Das dauert meist ein bis zwei Minuten — wir benachrichtigen Sie per E-Mail, oder Sie laden diese Seite in Kürze neu.
renewal-reload = Neu laden
submit-title = Alles, was Twilio verlangt, liegt vor
submit-lead = Laut Twilios Kontrolle fehlt nichts mehr. Reichen Sie die Aktualisierung zur Prüfung ein; Twilio antwortet in der Regel innerhalb von 24 Geschäftsstunden.
submit-button = Zur Prüfung einreichen
submit-after-fix-title = Reichen Sie die Aktualisierung danach erneut ein
submit-after-fix-lead = Twilios automatische Kontrolle findet nichts Fehlendes, aber Twilios Prüfung hat das oben Gezeigte nicht akzeptiert. Ersetzen Sie es zuerst und reichen Sie die Aktualisierung dann erneut zur Prüfung ein.
submit-again-title = Aktualisierung erneut einreichen
submit-again-lead = Wenn Sie die Gründe von Twilio oben berücksichtigt haben, reichen Sie die Aktualisierung erneut zur Prüfung ein. Twilio antwortet in der Regel innerhalb von 24 Geschäftsstunden.
submit-not-compliant = Laut Twilios Kontrolle fehlt noch etwas, daher wurde die Aktualisierung nicht eingereicht. Sehen Sie sich die Abschnitte unten an.
submit-twilio-failed = Twilio war nicht erreichbar, daher wurde die Aktualisierung nicht eingereicht. Bitte versuchen Sie es in einigen Minuten erneut.
renewal-not-evaluated = Twilio hat dieses Bundle noch nicht kontrolliert. Wir zeigen Ihnen, was benötigt wird, sobald das geschehen ist.
renewal-replace-before-resubmit = Bevor Sie erneut einreichen, können Sie auch ersetzen, was Twilio nicht akzeptiert hat:
renewal-needs = { $count ->
    [one] Bevor dieses Bundle erneuert werden kann, fehlt Twilio noch eine Angabe. Füllen Sie aus, was Sie können, und speichern Sie; Sie können jederzeit vor Ablauf der Frist zurückkehren.
   *[other] Bevor dieses Bundle erneuert werden kann, fehlen Twilio noch { $count } Angaben. Füllen Sie aus, was Sie können, und speichern Sie; Sie können jederzeit vor Ablauf der Frist zurückkehren.
}
twilio-says = Twilio meldet:
document-was-rejected = Dieses Dokument wurde abgelehnt.
document-rejected = Twilio hat dieses Dokument abgelehnt.
document-not-accepted = Twilio hat dieses Dokument nicht akzeptiert. Laden Sie eine besser lesbare oder aktuellere Kopie hoch und korrigieren Sie bei Bedarf die zugehörigen Angaben.
section-add-details = Ergänzen Sie Ihre Angaben
section-add-document = Hinzufügen: { $name }
section-details-for = Angaben für: { $name }
section-explain = Hier ist nichts auszufüllen: Die Felder oben decken das ab, oder unser Team hilft Ihnen — antworten Sie einfach auf eine unserer E-Mails.
upload-replacement = Ersatz hochladen
upload-replacement-hint = Eine besser lesbare oder aktuellere Kopie: PDF, JPEG oder PNG mit höchstens 10 MB. Sie ersetzt das abgelehnte Dokument.
upload-document = Dokument hochladen
upload-document-hint = Eine PDF-, JPEG- oder PNG-Datei mit höchstens 10 MB.
form-which-document = Welches Dokument fügen Sie hinzu?
save-button = Speichern und von Twilio kontrollieren lassen
save-hint = Beim Speichern werden Ihre Änderungen an Twilio gesendet und erneut kontrolliert. „Zur Prüfung einreichen“ wird verfügbar, sobald nichts mehr fehlt.
done-summary = Bereits erledigt ({ $count })
done-badge = Erledigt

save-done-compliant = Gespeichert. Laut Twilios Kontrolle fehlt nichts mehr: Sie können die Aktualisierung jetzt zur Prüfung einreichen.
save-done-still-missing = Gespeichert. Twilio hat Ihre Änderungen kontrolliert; was noch Ihre Aufmerksamkeit erfordert, sehen Sie unten.
save-not-editable = Diese Aktualisierung kann derzeit nicht geändert werden. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.
save-twilio-failed = Twilio war nicht erreichbar, daher wurde nichts gespeichert. Alle Ihre Eingaben sind noch vorhanden: Bitte versuchen Sie es in einigen Minuten erneut.
save-too-large-title = Die Dateien sind zu groß
save-too-large = Alles, was Sie auf einmal senden, muss unter { $total } MB bleiben, jedes Dokument unter { $each } MB. Gehen Sie zurück, wählen Sie kleinere Dateien (oder weniger auf einmal) und speichern Sie erneut.
save-unreadable-title = Das Formular konnte nicht gelesen werden
save-unreadable = Ihr Browser hat das Formular unvollständig gesendet. Gehen Sie zurück und speichern Sie erneut.
form-nothing-changed = Es wurde nichts geändert. Füllen Sie mindestens einen der Abschnitte unten aus und speichern Sie dann.
form-choose-file-again = Bitte wählen Sie die Datei erneut aus: Dateien werden nicht aufbewahrt, wenn auf der Seite noch etwas anderes korrigiert werden muss.
form-choose-document = Wählen Sie aus, welches Dokument Sie hinzufügen
form-choose-file = Wählen Sie die hochzuladende Datei aus (PDF, JPEG oder PNG)
upload-empty = Die Datei ist leer. Wählen Sie die Datei erneut aus
upload-too-large = Die Datei ist größer als { $count } MB. Wählen Sie eine kleinere Datei
upload-unknown-type = Die Datei muss eine PDF-, JPEG- oder PNG-Datei sein

field-error-required = Bitte füllen Sie „{ $label }“ aus
field-error-control-character = Die Eingabe enthält ein unsichtbares Steuerzeichen (NUL), das nicht gespeichert werden kann. Entfernen Sie es und versuchen Sie es erneut.
field-error-too-long = „{ $label }“ darf höchstens { $max } Zeichen lang sein
field-error-address-sids = Geben Sie Adress-SIDs im Format AD gefolgt von 32 Buchstaben und Ziffern (0-9, a-f) ein; ungültig: { $bad }
field-error-choice = Wählen Sie eine der Optionen für „{ $label }“
field-error-email = Geben Sie eine E-Mail-Adresse wie name@example.com ein
field-error-phone = Geben Sie eine Telefonnummer im internationalen Format ein, z. B. +4915123456789
field-error-format = „{ $label }“ hat nicht das erwartete Format
field-error-url = Geben Sie „{ $label }“ als Webadresse ein, z. B. https://www.beispiel.de
field-error-date = Geben Sie „{ $label }“ als gültiges Datum mit Tag, Monat und Jahr ein
field-error-date-future = „{ $label }“ darf nicht in der Zukunft liegen
field-url-hint = Ihre öffentliche Website oder Seite in einem sozialen Netzwerk, z. B. https://www.beispiel.de.
field-phone-hint = Im internationalen Format, beginnend mit + und der Ländervorwahl, z. B. +4915123456789.
field-address-sids-label = Adress-SID(s)
field-address-sids-hint = Die SID jeder Adresse (AD gefolgt von 32 Buchstaben und Ziffern), wie in Ihrer Twilio Console unter „Addresses“ angezeigt. Trennen Sie mehrere SIDs durch Kommas.

failure-end-user-missing = { $whose ->
    [individual] Ihre persönlichen Angaben liegen uns noch nicht vor. Bitte tragen Sie sie unten ein.
   *[other] Die Angaben zu Ihrem Unternehmen liegen uns noch nicht vor. Bitte tragen Sie sie unten ein.
}
failure-end-user-field-missing = { $whose ->
    [individual] Einige Ihrer persönlichen Angaben fehlen oder sind unvollständig.
   *[other] Einige Angaben zu Ihrem Unternehmen fehlen oder sind unvollständig.
}
failure-document-missing = Twilio benötigt ein Dokument: { $document }. Bitte fügen Sie es unten hinzu.
failure-document-field-missing = Einige Angaben aus dem Dokument „{ $document }“ fehlen oder stimmen nicht genau mit { $whose ->
    [individual] Ihren persönlichen Angaben
   *[other] den Angaben zu Ihrem Unternehmen
} überein. Geben Sie sie genau so ein, wie sie auf dem Dokument stehen.
failure-document-field-mismatch = Die Angaben im Dokument „{ $document }“ stimmen nicht mit { $whose ->
    [individual] Ihren persönlichen Angaben
   *[other] den Angaben zu Ihrem Unternehmen
} überein. Sie müssen genau übereinstimmen.
failure-address-missing = Twilio benötigt die Adresse aus dem Dokument „{ $document }“ als Adresse, die in Ihrem Twilio-Konto registriert ist.
failure-not-met = Diese Anforderung ist noch nicht erfüllt.

status-submitted-title = Bei Twilio eingereicht
status-in-review-title = Twilio prüft Ihre Aktualisierung
status-submitted-on = Sie haben die Aktualisierung am { $when } eingereicht.
status-submitted-auto-on = Es fehlte nichts, daher wurde die Aktualisierung am { $when } für Sie eingereicht.
status-next-title = Wie es weitergeht
status-next-1 = Das Compliance-Team von Twilio prüft die Angaben und Dokumente. Das dauert in der Regel etwa 24 Geschäftsstunden, manchmal etwas länger.
status-next-2 = Wenn Twilio die Aktualisierung genehmigt, übertragen wir die neuen Angaben auf Ihre Telefonnummern und räumen auf. Sie müssen nichts weiter tun.
status-next-3 = Wenn Twilio Änderungen anfordert, benachrichtigen wir Sie per E-Mail, und diese Seite zeigt genau, was zu korrigieren ist.
status-numbers-keep-working = Ihre Telefonnummern funktionieren während der Prüfung weiter.
status-rejected-documents = Von Twilio nicht akzeptierte Dokumente
status-fix-title = So beheben Sie das Problem
status-fix-1 = Öffnen Sie die Aktualisierung und ersetzen Sie jedes abgelehnte Dokument durch eine besser lesbare oder aktuellere Kopie.
status-fix-2 = Korrigieren Sie die Angaben, die Twilio nennt. Sie müssen genau mit Ihren Dokumenten übereinstimmen.
status-fix-3 = Speichern Sie und reichen Sie die Aktualisierung dann erneut zur Prüfung ein.
status-waiting = Twilio benötigt vor Ablauf der Frist noch einige Angaben von Ihnen.
status-approved = Twilio hat Ihre Aktualisierung genehmigt. Wir übertragen die neuen Angaben gerade auf Ihre Telefonnummern; das ist innerhalb weniger Minuten automatisch abgeschlossen.
status-completed-title = Alles erledigt
status-completed-since = Ihr Bundle ist seit dem { $when } auf dem neuesten Stand. Twilio setzt dafür keine Frist mehr, und Ihre Telefonnummern bleiben in Betrieb.
status-completed = Ihr Bundle ist auf dem neuesten Stand. Twilio setzt dafür keine Frist mehr, und Ihre Telefonnummern bleiben in Betrieb.
status-completed-nothing-else = Sonst ist nichts zu tun. Wir benachrichtigen Sie per E-Mail, falls Twilio jemals weitere Angaben anfordert.
status-expired-title = Die Frist ist abgelaufen
status-expired-on = Die Aktualisierung wurde nicht vor dem { $deadline } genehmigt, daher hat Twilio das Bundle als abgelehnt markiert. Davon abhängige Telefonnummern funktionieren möglicherweise nicht mehr oder können nicht verlängert werden.
status-expired = Die Aktualisierung wurde nicht vor Ablauf der Frist genehmigt, daher hat Twilio das Bundle als abgelehnt markiert. Davon abhängige Telefonnummern funktionieren möglicherweise nicht mehr oder können nicht verlängert werden.
status-expired-what-now = Was Sie jetzt tun können
status-expired-contact = Wenden Sie sich umgehend an das Support-Team Ihres Anbieters: Es kann mit Ihnen ein neues Bundle anlegen und Ihre Nummern darauf übertragen.
status-email-support = E-Mail an { $email }
status-reply-to-email = Antworten Sie auf eine beliebige E-Mail, die wir Ihnen zu diesem Bundle gesendet haben.
status-cancelled-title = Diese Aktualisierung wurde abgebrochen
status-cancelled = Ihr Anbieter hat diese Aktualisierung abgebrochen, daher ist hier nichts zu tun.
status-questions = Fragen? Schreiben Sie an
status-on-it-title = Wir kümmern uns darum
status-on-it = Unser Team muss sich etwas ansehen, bevor diese Aktualisierung fortgesetzt werden kann. Sie müssen nichts tun: Wir benachrichtigen Sie per E-Mail, sobald es weitergeht.
status-in-a-hurry = Eilt es? Schreiben Sie an

checks-title = Kontrollen durch Twilio
checks-none = Twilio hat diese Aktualisierung noch nicht kontrolliert.
checks-lead = Jedes Mal, wenn sich Ihre Angaben geändert haben, hat Twilio sie anhand seiner Regeln kontrolliert. Neueste zuerst.
check-nothing-missing = Nichts fehlt
check-something-needed = Es fehlt noch etwas
check-when-prepared = Bei der Vorbereitung der Aktualisierung
check-after-save = { $who ->
    [you] Nachdem Sie Änderungen gespeichert haben
    [support] Nachdem unser Support-Team Änderungen gespeichert hat
    [user] Nachdem { $user } Änderungen gespeichert hat
   *[other] Nachdem wir Änderungen gespeichert haben
}
check-again = Erneut kontrolliert von { $who ->
    [you] Ihnen
    [support] unserem Support-Team
    [user] { $user }
   *[other] uns
}
check-after-rejection = Nachdem Twilio bei der Prüfung Änderungen angefordert hat
check-by = { $who ->
    [you] von Ihnen
    [support] von unserem Support-Team
    [user] von { $user }
   *[other] von uns
}
evidence-lead = Ein Protokoll aller Schritte dieser Aktualisierung:
evidence-pdf = als PDF herunterladen
evidence-json = oder als JSON

change-verdict = Ergebnis: { $old } → { $new }
change-now-passes = { $requirement }: jetzt erfüllt
change-now-fails = { $requirement }: nicht mehr erfüllt
change-end-user-added = End-User { $name } hinzugefügt
change-value = { $field }: „{ $old }“ → „{ $new }“
change-document-added = Dokument „{ $name }“ ({ $type }) hinzugefügt
change-document-removed = Dokument „{ $name }“ ({ $type }) entfernt

numbers-at-risk = { $count ->
    [one] Diese Telefonnummer funktioniert ab dem { $date } nicht mehr, wenn dieses Bundle nicht aktualisiert wird.
   *[other] Diese { $count } Telefonnummern funktionieren ab dem { $date } nicht mehr, wenn dieses Bundle nicht aktualisiert wird.
}
numbers-show = { $count ->
    [one] Nummer anzeigen
   *[other] Die { $count } Nummern anzeigen
}
status-provisional-title = Twilio hat Ihre Aktualisierung vorläufig genehmigt
status-provisional-explained = Ihre Rufnummern funktionieren in der Zwischenzeit weiter. Twilio muss noch endgültig zustimmen; sobald das geschieht, übernehmen wir die neuen Angaben. Sie müssen nichts weiter tun.
