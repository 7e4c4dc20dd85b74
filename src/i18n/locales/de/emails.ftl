# E-Mails an Kunden. Argumente: $bundle, $tenant, $regulation, $deadline, $days, $reason,
# $product (der Produktname der Marke), $company (das Unternehmen des ISV, sonst der Produktname).

email-hello = Guten Tag,
email-hello-name = Guten Tag { $name },
email-thanks = Vielen Dank.
email-signature = { $company } im Auftrag von { $tenant }
email-help = Fragen? Schreiben Sie an
email-see-details = Details ansehen
email-details = Details:
email-your-regulation = Ihre Vorschrift
email-soon = in Kürze
email-twilio-reason = Begründung von Twilio:
email-footer-why = Sie erhalten diese E-Mail, weil Ihre Adresse für { $tenant } in { $product } hinterlegt ist, das die regulatorischen Twilio-Bundles von { $tenant } aktuell hält.
email-help-page = Hilfe und Antworten:
email-help-company = Fragen? Wenden Sie sich an { $company }.
email-link-plain = Diese Adresse öffnet die Seite, sobald Sie angemeldet sind; sie meldet Sie nicht von selbst an.
email-missing-title = Was noch fehlt:
email-missing-none = Twilio findet nichts Fehlendes: Bitte prüfen Sie die Angaben und reichen Sie sie ein.
email-missing-line = { $requirement }: { $why }
email-missing-fields = { $why } Betroffene Angaben: { $fields }.

email-digest-subject = { $count ->
    [one] Handlungsbedarf: 1 regulatorisches Bundle bis { $deadline } aktualisieren
   *[other] Handlungsbedarf: { $count } regulatorische Bundles aktualisieren, das erste bis { $deadline }
}
email-digest-intro = { $count ->
    [one] Twilio hat seine Regeln geändert: Ein regulatorisches Bundle von { $tenant } muss vor seiner Frist aktualisiert werden, sonst sind die davon abhängigen Telefonnummern gefährdet.
   *[other] Twilio hat seine Regeln geändert: { $count } regulatorische Bundles von { $tenant } müssen vor ihren Fristen aktualisiert werden, sonst sind die davon abhängigen Telefonnummern gefährdet. Hier steht, was jedes braucht, das dringendste zuerst.
}
email-digest-deadline = Frist: { $deadline } ({ $days })
email-digest-start = Mit „{ $bundle }“ beginnen
email-digest-open = „{ $bundle }“ aktualisieren
email-digest-links = { $count ->
    [one] Jeder Link öffnet sein eigenes Bundle; er gilt nur für Sie und funktioniert 1 Tag lang oder bis die Erneuerung dieses Bundles abgeschlossen ist, so oft Sie ihn auch verwenden.
   *[other] Jeder Link öffnet sein eigenes Bundle; er gilt nur für Sie und funktioniert { $count } Tage lang oder bis die Erneuerung dieses Bundles abgeschlossen ist, so oft Sie ihn auch verwenden.
}

email-action-needed-title = Handlungsbedarf
email-action-needed-subject = Handlungsbedarf: Compliance-Angaben für { $bundle } aktualisieren (Frist: { $deadline })
email-action-needed-intro = Twilio hat die Regeln für „{ $regulation }“ geändert. Das regulatorische Bundle „{ $bundle }“ von { $tenant } muss rechtzeitig aktualisiert werden, sonst sind die davon abhängigen Telefonnummern gefährdet. Frist: { $deadline }. { $days }.
email-action-needed-ask = Wir haben alles vorbereitet, was möglich ist. Bitte öffnen Sie die Seite unten, ergänzen Sie die fehlenden Angaben und reichen Sie sie ein.
email-action-needed-button = Angaben aktualisieren

email-reminder-title = Erinnerung
email-reminder-subject = Erinnerung: { $bundle } aktualisieren ({ $days })
email-reminder-intro = Für das regulatorische Bundle „{ $bundle }“ von { $tenant } werden noch aktualisierte Angaben benötigt. Frist: { $deadline }. { $days }.
email-reminder-ask = Bitte vervollständigen Sie die Angaben hier und reichen Sie sie ein:
email-reminder-button = Angaben vervollständigen und einreichen

email-submitted-title = Eingereicht
email-submitted-subject = Zur Prüfung eingereicht: { $bundle }
email-submitted-intro = Die aktualisierten Angaben für „{ $bundle }“ wurden bei Twilio eingereicht. Die Prüfung dauert in der Regel etwa einen Werktag; wir benachrichtigen Sie per E-Mail, sobald Twilio entschieden hat.
email-submitted-auto-intro = Für „{ $bundle }“ fehlte nichts, daher haben wir die Angaben für Sie bei Twilio eingereicht: Sie müssen nichts tun. Die Prüfung dauert meist etwa einen Werktag; wir schreiben Ihnen, sobald Twilio entschieden hat.
email-submitted-follow = Prüfung verfolgen
email-submitted-follow-here = Verfolgen Sie die Prüfung hier:

email-rejected-title = Änderungen angefordert
email-rejected-subject = Handlungsbedarf: Twilio fordert Änderungen an { $bundle }
email-rejected-intro = Twilio hat die Angaben für „{ $bundle }“ geprüft und Änderungen angefordert.
email-rejected-ask = Bitte korrigieren Sie die Angaben und reichen Sie sie vor Ablauf der Frist ({ $deadline }) erneut ein.

email-completed-title = Abgeschlossen
email-completed-subject = Erledigt: { $bundle } ist auf dem neuesten Stand
email-completed-intro = Twilio hat die aktualisierten Angaben für „{ $bundle }“ genehmigt, und sie sind jetzt wirksam. Für das Bundle gilt keine Frist mehr, und Ihre Telefonnummern sind nicht betroffen. Sie müssen nichts weiter tun.

email-expired-title = Frist abgelaufen
email-expired-subject = Frist abgelaufen: Twilio hat { $bundle } abgelehnt
email-expired-intro = Die Frist ({ $deadline }) für die Aktualisierung von „{ $bundle }“ ({ $regulation }) ist abgelaufen, bevor Twilio die neuen Angaben genehmigt hat, und Twilio hat das Bundle abgelehnt. Davon abhängige Telefonnummern können betroffen sein.
email-expired-contact = Bitte wenden Sie sich an das Support-Team Ihres Anbieters: Es kann Ihnen helfen, neu zu beginnen.

email-link-subject = Ihr Anmeldelink für { $tenant }
email-link-sign-in = Mit diesem Link melden Sie sich bei { $product } für { $tenant } an:
email-link-fresh-renewal = Hier ist ein neuer Link zu Ihrer Erneuerung in { $product } für { $tenant }:
email-link-button = Anmelden
email-link-copy = Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:
email-link-expired-hint = Falls er abgelaufen ist, können Sie auf der Anmeldeseite einen neuen anfordern.
email-link-not-you = Falls Sie keine Anmeldung angefordert haben, können Sie diese E-Mail ignorieren: Ohne den Link kann sich niemand anmelden.
link-lifetime-sign-in = { $count ->
    [one] Der Link funktioniert nur einmal und 1 Minute lang.
   *[other] Der Link funktioniert nur einmal und { $count } Minuten lang.
}
link-lifetime-renewal = { $count ->
    [one] Der Link gilt nur für Sie und funktioniert 1 Tag lang oder bis diese Erneuerung abgeschlossen ist, egal wie oft Sie ihn verwenden.
   *[other] Der Link gilt nur für Sie und funktioniert { $count } Tage lang oder bis diese Erneuerung abgeschlossen ist, egal wie oft Sie ihn verwenden.
}
