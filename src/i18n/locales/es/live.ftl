# The status page while a renewal moves on by itself (Twilio's review, finishing).
live-following = Esta página se actualiza sola hasta el siguiente paso.
live-refresh = Actualizar ahora
# How long Twilio's review usually takes, read from recent reviews.
live-review-under-an-hour = El equipo de cumplimiento de Twilio revisa la información y los documentos. Últimamente ha tardado, por lo general, menos de una hora.
live-review-hours = { $count ->
    [one] El equipo de cumplimiento de Twilio revisa la información y los documentos. Últimamente ha tardado, por lo general, alrededor de una hora.
   *[other] El equipo de cumplimiento de Twilio revisa la información y los documentos. Últimamente ha tardado, por lo general, unas { $count } horas.
}
live-review-days = { $count ->
    [one] El equipo de cumplimiento de Twilio revisa la información y los documentos. Últimamente ha tardado, por lo general, alrededor de un día.
   *[other] El equipo de cumplimiento de Twilio revisa la información y los documentos. Últimamente ha tardado, por lo general, unos { $count } días.
}
