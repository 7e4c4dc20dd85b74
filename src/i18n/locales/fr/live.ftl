# The status page while a renewal moves on by itself (Twilio's review, finishing).
live-following = Cette page se met à jour d'elle-même jusqu'à la prochaine étape.
live-refresh = Actualiser
# How long Twilio's review usually takes, read from recent reviews.
live-review-under-an-hour = L'équipe conformité de Twilio vérifie les informations et les documents. Ces derniers temps, cela a généralement pris moins d'une heure.
live-review-hours = { $count ->
    [one] L'équipe conformité de Twilio vérifie les informations et les documents. Ces derniers temps, cela a généralement pris environ une heure.
   *[other] L'équipe conformité de Twilio vérifie les informations et les documents. Ces derniers temps, cela a généralement pris environ { $count } heures.
}
live-review-days = { $count ->
    [one] L'équipe conformité de Twilio vérifie les informations et les documents. Ces derniers temps, cela a généralement pris environ un jour.
   *[other] L'équipe conformité de Twilio vérifie les informations et les documents. Ces derniers temps, cela a généralement pris environ { $count } jours.
}
