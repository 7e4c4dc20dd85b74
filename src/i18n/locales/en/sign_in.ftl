# Signing in by emailed link.

email-address = Email address
error-summary-title = There is a problem
login-title = Sign in
login-signed-out = You are signed out.
login-lead = Enter your email address and we'll send you a link that signs you in. No password needed.
login-goes-to-renewal = After signing in you will go straight to the update you were opening.
login-email-hint = The address your provider uses to contact you about your phone numbers.
login-submit = Email me a sign-in link
login-small-print = Links work once and for a short time. If you no longer have access to your address, contact your provider.
login-error-empty = Enter your email address
login-error-too-long = An email address has at most 254 characters
login-error-invalid = Enter an email address like name@example.com

check-email-title = Check your email
check-email-sent-to = If { $email } belongs to an account, we have sent it a sign-in link.
check-email-sent = If the address you entered belongs to an account, we have sent it a sign-in link.
check-email-once = The link works once and only for a few minutes. Open it on this device to continue.
check-email-nothing-arrived = Nothing arrived after a few minutes? Check your spam folder, or
check-email-ask-again = ask for a new link.

link-continue-title = Continue signing in
link-continue-for = This link signs in { $email }.
link-continue-button = Continue
link-continue-not-you = Not you? Close this page: nothing happens until you press Continue.

link-expired-title = This sign-in link no longer works
link-expired-renewal = The link to this renewal has expired or was withdrawn, for your security.
link-expired-fresh-offer = We can email a fresh link to the address it was sent to. It opens the same renewal.
link-expired-fresh-button = Email me a fresh link
link-expired-used = The link has already been used. Each link signs you in only once.
link-expired-expired = The link has expired or is incomplete. Links only work for a few minutes, for your security.
link-expired-new-offer = We can send you a new one straight away.
link-expired-new-button = Send me a new link
