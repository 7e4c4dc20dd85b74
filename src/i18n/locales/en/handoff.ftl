# The page a refused hand-off from the ISV's portal lands on.

handoff-refused-title = This link can't sign you in
handoff-refused-gone = The link has expired or was already used. Each link works once, for a few minutes.
handoff-refused-invalid = The link is not valid for this service.
handoff-refused-next = Go back to the portal you came from and open compliance again, or
handoff-refused-sign-in = sign in with your email address.
