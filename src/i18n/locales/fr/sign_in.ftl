# Connexion par lien envoyé par e-mail.

email-address = Adresse e-mail
error-summary-title = Un problème est survenu
login-title = Connexion
login-signed-out = Vous êtes déconnecté.
login-lead = Saisissez votre adresse e-mail et nous vous enverrons un lien de connexion. Aucun mot de passe n'est nécessaire.
login-goes-to-renewal = Une fois connecté, vous arriverez directement sur la mise à jour que vous étiez en train d'ouvrir.
login-email-hint = L'adresse que votre fournisseur utilise pour vous contacter au sujet de vos numéros de téléphone.
login-submit = Recevoir un lien de connexion par e-mail
login-small-print = Les liens ne fonctionnent qu'une fois et pendant peu de temps. Si vous n'avez plus accès à votre adresse, contactez votre fournisseur.
login-error-empty = Saisissez votre adresse e-mail
login-error-too-long = Une adresse e-mail comporte au maximum 254 caractères
login-error-invalid = Saisissez une adresse e-mail au format nom@exemple.com

check-email-title = Consultez votre messagerie
check-email-sent-to = Si { $email } correspond à un compte, nous lui avons envoyé un lien de connexion.
check-email-sent = Si l'adresse saisie correspond à un compte, nous lui avons envoyé un lien de connexion.
check-email-once = Le lien ne fonctionne qu'une fois et seulement pendant quelques minutes. Ouvrez-le sur cet appareil pour continuer.
check-email-nothing-arrived = Rien reçu après quelques minutes ? Vérifiez vos courriers indésirables, ou
check-email-ask-again = demandez un nouveau lien.

link-continue-title = Poursuivre la connexion
link-continue-for = Ce lien connecte { $email }.
link-continue-button = Continuer
link-continue-not-you = Ce n'est pas vous ? Fermez cette page : rien ne se passe tant que vous n'avez pas cliqué sur Continuer.

link-expired-title = Ce lien de connexion ne fonctionne plus
link-expired-renewal = Le lien vers ce renouvellement a expiré ou a été révoqué, pour votre sécurité.
link-expired-fresh-offer = Nous pouvons envoyer un nouveau lien à l'adresse qui l'a reçu. Il ouvre le même renouvellement.
link-expired-fresh-button = M'envoyer un nouveau lien
link-expired-used = Ce lien a déjà été utilisé. Chaque lien ne permet de se connecter qu'une seule fois.
link-expired-expired = Ce lien a expiré ou est incomplet. Pour votre sécurité, les liens ne fonctionnent que pendant quelques minutes.
link-expired-new-offer = Nous pouvons vous en envoyer un nouveau immédiatement.
link-expired-new-button = M'envoyer un nouveau lien
