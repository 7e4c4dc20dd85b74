# Der Rahmen jeder Kundenseite, Datumsangaben, Countdowns und Status von Erneuerungen.

skip-to-content = Zum Hauptinhalt springen
nav-main = Hauptmenü
nav-my-bundles = Meine Bundles
nav-sign-out = Abmelden
footer-default = { $product } hält die Compliance-Angaben zu Ihren Telefonnummern bei Twilio auf dem neuesten Stand.
footer-help = Hilfe
language-switcher = Sprache

month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
date-long = { $day }. { $month } { $year }
date-time = { $date }, { $time } { $zone }

countdown-left = { $count ->
    [one] Noch 1 Tag
   *[other] Noch { $count } Tage
}
countdown-today = Heute fällig
countdown-overdue = { $count ->
    [one] 1 Tag überfällig
   *[other] { $count } Tage überfällig
}

state-detected = Aktualisierung erforderlich
state-copy-created = Wird vorbereitet
state-collecting = Wartet auf Ihre Angaben
state-submitted = Eingereicht
state-in-review = In Prüfung bei Twilio
state-rejected = Änderungen angefordert
state-approved = Genehmigt
state-finishing = Wird abgeschlossen
state-completed = Abgeschlossen
state-expired = Abgelaufen
state-cancelled = Abgebrochen
state-needs-attention = Handlungsbedarf

bundle-status-draft = Entwurf
bundle-status-pending-review = Bei Twilio eingereicht
bundle-status-in-review = In Prüfung bei Twilio
bundle-status-twilio-approved = Von Twilio genehmigt
bundle-status-twilio-rejected = Von Twilio abgelehnt
bundle-status-provisionally-approved = Vorläufig genehmigt
bundle-status-unknown = Unbekannt

numbers-mobile = Mobilfunknummern
numbers-local = Ortsnetznummern
numbers-national = Nationale Nummern
numbers-toll-free = Gebührenfreie Nummern
numbers-any = Telefonnummern
regulation-in-country = { $numbers } { $where }
regulation-for-business = { $regulation }, für ein Unternehmen
regulation-for-individual = { $regulation }, für eine Privatperson

action-fix-and-resubmit = Korrigieren und erneut einreichen
action-update-information = Angaben aktualisieren

error-prefix = Fehler:
optional = (optional)

submit-by-note = Bitte bis { $date } einreichen – Twilio braucht für die Prüfung etwa { $count ->
    [one] einen Werktag
   *[other] { $count } Werktage
}.
submit-by-passed = Bitte so bald wie möglich einreichen: Der Termin zum Einreichen, { $date }, ist vorbei, und Twilio braucht für die Prüfung etwa { $count ->
    [one] einen Werktag
   *[other] { $count } Werktage
}.
