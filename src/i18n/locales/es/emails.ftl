# Correos electrónicos a los clientes. Argumentos: $bundle, $tenant, $regulation, $deadline, $days, $reason,
# $product (el nombre del producto de la marca), $company (la empresa del ISV o, si no, el nombre del producto).

email-hello = Hola:
email-hello-name = Hola, { $name }:
email-thanks = Gracias.
email-signature = { $company }, en nombre de { $tenant }
email-help = ¿Tiene preguntas? Escriba a
email-see-details = Ver los detalles
email-details = Detalles:
email-your-regulation = su normativa
email-soon = próximamente
email-twilio-reason = Motivo indicado por Twilio:
email-footer-why = Recibe este correo porque su dirección está registrada para { $tenant } en { $product }, que mantiene al día los bundles regulatorios de Twilio de { $tenant }.
email-help-page = Ayuda y respuestas:
email-help-company = ¿Tiene preguntas? Póngase en contacto con { $company }.
email-link-plain = Esta dirección abre la página una vez que haya iniciado sesión; no inicia sesión por sí sola.
email-missing-title = Lo que aún falta:
email-missing-none = Twilio no encuentra nada pendiente: revise la información y envíela.
email-missing-line = { $requirement }: { $why }
email-missing-fields = { $why } Datos afectados: { $fields }.

email-digest-subject = { $count ->
    [one] Acción necesaria: 1 bundle regulatorio que actualizar antes del { $deadline }
   *[other] Acción necesaria: { $count } bundles regulatorios que actualizar, el primero antes del { $deadline }
}
email-digest-intro = { $count ->
    [one] Twilio ha cambiado sus reglas y un bundle regulatorio de { $tenant } debe actualizarse antes de su fecha límite; de lo contrario, los números de teléfono que dependen de él corren riesgo.
   *[other] Twilio ha cambiado sus reglas y { $count } bundles regulatorios de { $tenant } deben actualizarse antes de sus fechas límite; de lo contrario, los números de teléfono que dependen de ellos corren riesgo. Esto es lo que necesita cada uno, empezando por el más urgente.
}
email-digest-deadline = Fecha límite: { $deadline } ({ $days })
email-digest-start = Empezar por «{ $bundle }»
email-digest-open = Actualizar «{ $bundle }»
email-digest-links = { $count ->
    [one] Cada enlace abre su propio bundle; es solo para usted y funciona durante 1 día, o hasta que termine la renovación de ese bundle, tantas veces como lo use.
   *[other] Cada enlace abre su propio bundle; es solo para usted y funciona durante { $count } días, o hasta que termine la renovación de ese bundle, tantas veces como lo use.
}

email-action-needed-title = Acción necesaria
email-action-needed-subject = Acción necesaria: actualice la información de cumplimiento de { $bundle } (fecha límite: { $deadline })
email-action-needed-intro = Twilio ha cambiado las reglas de «{ $regulation }». El paquete regulatorio «{ $bundle }» de { $tenant } debe actualizarse a tiempo; de lo contrario, los números de teléfono que dependen de él corren riesgo. Fecha límite: { $deadline }. { $days }.
email-action-needed-ask = Hemos preparado todo lo posible. Abra la página siguiente, complete la información que falta y envíela.
email-action-needed-button = Actualizar la información

email-reminder-title = Recordatorio
email-reminder-subject = Recordatorio: actualice { $bundle } ({ $days })
email-reminder-intro = El paquete regulatorio «{ $bundle }» de { $tenant } todavía necesita información actualizada. Fecha límite: { $deadline }. { $days }.
email-reminder-ask = Complétela y envíela aquí:
email-reminder-button = Completar y enviar la información

email-submitted-title = Enviado
email-submitted-subject = Enviado para revisión: { $bundle }
email-submitted-intro = La información actualizada de «{ $bundle }» se ha enviado a Twilio. La revisión suele tardar alrededor de un día hábil; le avisaremos por correo electrónico cuando Twilio haya tomado una decisión.
email-submitted-auto-intro = No faltaba nada en la información de «{ $bundle }», así que la enviamos a Twilio por usted: no tiene que hacer nada. La revisión suele tardar un día hábil; le escribiremos cuando Twilio decida.
email-submitted-follow = Seguir la revisión
email-submitted-follow-here = Siga la revisión aquí:

email-rejected-title = Cambios solicitados
email-rejected-subject = Acción necesaria: Twilio ha solicitado cambios en { $bundle }
email-rejected-intro = Twilio ha revisado la información de «{ $bundle }» y ha solicitado cambios.
email-rejected-ask = Corríjala y vuelva a enviarla antes de la fecha límite ({ $deadline }).

email-completed-title = Completado
email-completed-subject = Listo: { $bundle } está al día
email-completed-intro = Twilio ha aprobado la información actualizada de «{ $bundle }», que ya está vigente. El paquete ya no tiene fecha límite y sus números de teléfono no se ven afectados. No tiene que hacer nada más.

email-expired-title = Fecha límite vencida
email-expired-subject = Fecha límite vencida: Twilio ha rechazado { $bundle }
email-expired-intro = La fecha límite ({ $deadline }) para actualizar «{ $bundle }» ({ $regulation }) venció antes de que Twilio aprobara la nueva información, y Twilio ha rechazado el paquete. Los números de teléfono que dependen de él pueden verse afectados.
email-expired-contact = Póngase en contacto con el equipo de soporte de su proveedor: puede ayudarle a empezar de nuevo.

email-link-subject = Su enlace de acceso para { $tenant }
email-link-sign-in = Use este enlace para iniciar sesión en { $product } para { $tenant }:
email-link-fresh-renewal = Aquí tiene un enlace nuevo a su renovación en { $product } para { $tenant }:
email-link-button = Iniciar sesión
email-link-copy = Si el botón no funciona, copie esta dirección en su navegador:
email-link-expired-hint = Si ha caducado, puede solicitar uno nuevo en la página de inicio de sesión.
email-link-not-you = Si no ha solicitado iniciar sesión, puede ignorar este correo: nadie puede iniciar sesión sin el enlace.
link-lifetime-sign-in = { $count ->
    [one] El enlace funciona una sola vez y durante 1 minuto.
   *[other] El enlace funciona una sola vez y durante { $count } minutos.
}
link-lifetime-renewal = { $count ->
    [one] El enlace es solo para usted y funciona durante 1 día, o hasta que finalice esta renovación, independientemente de cuántas veces lo use.
   *[other] El enlace es solo para usted y funciona durante { $count } días, o hasta que finalice esta renovación, independientemente de cuántas veces lo use.
}
