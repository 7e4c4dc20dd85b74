# La page d'un transfert refusé depuis le portail du fournisseur.

handoff-refused-title = Ce lien ne permet pas de vous connecter
handoff-refused-gone = Le lien a expiré ou a déjà été utilisé. Chaque lien ne fonctionne qu'une fois, pendant quelques minutes.
handoff-refused-invalid = Ce lien n'est pas valable pour ce service.
handoff-refused-next = Revenez au portail d'où vous venez et ouvrez à nouveau la conformité, ou
handoff-refused-sign-in = connectez-vous avec votre adresse e-mail.
