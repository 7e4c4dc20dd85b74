# Anmeldung per E-Mail-Link.

email-address = E-Mail-Adresse
error-summary-title = Es gibt ein Problem
login-title = Anmelden
login-signed-out = Sie sind abgemeldet.
login-lead = Geben Sie Ihre E-Mail-Adresse ein, und wir senden Ihnen einen Link, mit dem Sie sich anmelden. Kein Passwort nötig.
login-goes-to-renewal = Nach der Anmeldung gelangen Sie direkt zu der Aktualisierung, die Sie öffnen wollten.
login-email-hint = Die Adresse, unter der Ihr Anbieter Sie zu Ihren Telefonnummern kontaktiert.
login-submit = Anmeldelink per E-Mail senden
login-small-print = Links funktionieren nur einmal und nur kurze Zeit. Wenn Sie keinen Zugriff mehr auf Ihre Adresse haben, wenden Sie sich an Ihren Anbieter.
login-error-empty = Geben Sie Ihre E-Mail-Adresse ein
login-error-too-long = Eine E-Mail-Adresse hat höchstens 254 Zeichen
login-error-invalid = Geben Sie eine E-Mail-Adresse wie name@example.com ein

check-email-title = Prüfen Sie Ihre E-Mails
check-email-sent-to = Wenn { $email } zu einem Konto gehört, haben wir einen Anmeldelink an diese Adresse gesendet.
check-email-sent = Wenn die eingegebene Adresse zu einem Konto gehört, haben wir einen Anmeldelink an sie gesendet.
check-email-once = Der Link funktioniert nur einmal und nur wenige Minuten lang. Öffnen Sie ihn auf diesem Gerät, um fortzufahren.
check-email-nothing-arrived = Nach einigen Minuten noch nichts angekommen? Prüfen Sie Ihren Spam-Ordner oder
check-email-ask-again = fordern Sie einen neuen Link an.

link-continue-title = Anmeldung fortsetzen
link-continue-for = Mit diesem Link melden Sie { $email } an.
link-continue-button = Weiter
link-continue-not-you = Nicht Sie? Schließen Sie diese Seite: Es passiert nichts, solange Sie nicht auf „Weiter“ klicken.

link-expired-title = Dieser Anmeldelink funktioniert nicht mehr
link-expired-renewal = Der Link zu dieser Erneuerung ist zu Ihrer Sicherheit abgelaufen oder wurde widerrufen.
link-expired-fresh-offer = Wir können einen neuen Link an die Adresse senden, an die er geschickt wurde. Er öffnet dieselbe Erneuerung.
link-expired-fresh-button = Neuen Link per E-Mail senden
link-expired-used = Der Link wurde bereits verwendet. Mit jedem Link können Sie sich nur einmal anmelden.
link-expired-expired = Der Link ist abgelaufen oder unvollständig. Links funktionieren zu Ihrer Sicherheit nur wenige Minuten lang.
link-expired-new-offer = Wir können Ihnen sofort einen neuen senden.
link-expired-new-button = Neuen Link senden
