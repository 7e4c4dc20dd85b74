# La página de renovación, su formulario y la página de estado.

renewal-deadline = Fecha límite
renewal-progress = Progreso
step-review = Revisar
step-update = Actualizar
step-submit = Enviar
step-twilio-review = Revisión de Twilio
step-done = Listo
renewal-history-link = Historial de este paquete
back-to-bundles = Volver a mis paquetes

form-choose = Elija…
form-error-summary = { $count ->
    [one] Revise un punto
   *[other] Revise { $count } puntos
}
rejection-title = Twilio ha solicitado cambios
rejection-fix = Corrija los datos siguientes o sustituya el documento y, después, vuelva a enviar la actualización.
rejection-nothing-below = La comprobación automática de Twilio ya no detecta que falte nada, así que no hay nada que completar en esta página. Si los motivos anteriores piden algo que no puede cambiar aquí, póngase en contacto con el soporte de su proveedor antes de volver a enviar:
rejected-document-unnamed = Un documento
rejected-document-no-reason = Twilio no ha aceptado este documento.
renewal-unreadable-title = No hemos podido leer la información guardada de esta actualización
renewal-unreadable = Nuestro equipo de soporte ya está avisado y lo revisará. No tiene que hacer nada; le avisaremos por correo electrónico cuando la actualización pueda continuar.
renewal-preparing-title = Estamos preparando su actualización
renewal-preparing = Estamos creando una copia de trabajo de su paquete y preguntando a Twilio qué hay que cambiar exactamente. Suele tardar uno o dos minutos — le avisaremos por correo electrónico, o puede volver a cargar esta página en breve.
renewal-reload = Volver a cargar
submit-title = Ya está todo lo que pide Twilio
submit-lead = La comprobación de Twilio no ha detectado que falte nada. Envíe la actualización para su revisión; Twilio suele responder en un plazo de 24 horas hábiles.
submit-button = Enviar para revisión
submit-after-fix-title = Después, vuelva a enviar la actualización
submit-after-fix-lead = La comprobación automática de Twilio no detecta que falte nada, pero la revisión de Twilio no aceptó lo que se muestra arriba. Sustitúyalo primero y, después, vuelva a enviar la actualización para su revisión.
submit-again-title = Volver a enviar la actualización
submit-again-lead = Cuando haya resuelto los motivos de Twilio indicados arriba, vuelva a enviar la actualización para su revisión. Twilio suele responder en un plazo de 24 horas hábiles.
submit-not-compliant = La comprobación de Twilio sigue detectando que falta algo, por lo que la actualización no se ha enviado. Consulte las secciones siguientes.
submit-twilio-failed = No se ha podido contactar con Twilio, por lo que la actualización no se ha enviado. Inténtelo de nuevo en unos minutos.
renewal-not-evaluated = Twilio aún no ha comprobado este paquete. Le mostraremos lo que se necesita en cuanto lo haga.
renewal-replace-before-resubmit = Antes de volver a enviar, también puede sustituir lo que Twilio no ha aceptado:
renewal-needs = { $count ->
    [one] Twilio necesita un elemento más para poder renovar este paquete. Complete lo que pueda y guarde; puede volver en cualquier momento antes de la fecha límite.
   *[other] Twilio necesita { $count } elementos más para poder renovar este paquete. Complete lo que pueda y guarde; puede volver en cualquier momento antes de la fecha límite.
}
twilio-says = Twilio indica:
document-was-rejected = Este documento fue rechazado.
document-rejected = Twilio ha rechazado este documento.
document-not-accepted = Twilio no ha aceptado este documento. Suba una copia más legible o más reciente y, si es necesario, corrija sus datos.
section-add-details = Añada sus datos
section-add-document = Añadir: { $name }
section-details-for = Datos de: { $name }
section-explain = No hay nada que rellenar aquí: los campos anteriores ya lo cubren, o nuestro equipo le ayudará — responda a cualquiera de nuestros correos.
upload-replacement = Subir un documento de sustitución
upload-replacement-hint = Una copia más legible o más reciente: PDF, JPEG o PNG de 10 MB como máximo. Sustituye al documento rechazado.
upload-document = Subir el documento
upload-document-hint = Un PDF, JPEG o PNG de 10 MB como máximo.
form-which-document = ¿Qué documento va a añadir?
save-button = Guardar y comprobar con Twilio
save-hint = Al guardar, sus cambios se envían a Twilio y se vuelven a comprobar. «Enviar para revisión» estará disponible cuando no falte nada.
done-summary = Ya completado ({ $count })
done-badge = Completado

save-done-compliant = Guardado. La comprobación de Twilio no ha detectado que falte nada: ya puede enviar la actualización para revisión.
save-done-still-missing = Guardado. Twilio ha comprobado sus cambios; a continuación se muestra lo que aún requiere atención.
save-not-editable = Esta actualización no se puede modificar en este momento. Vuelva a cargar la página para ver en qué punto se encuentra.
save-twilio-failed = No se ha podido contactar con Twilio, por lo que no se ha guardado nada. Todo lo que ha escrito sigue aquí: inténtelo de nuevo en unos minutos.
save-too-large-title = Los archivos son demasiado grandes
save-too-large = Todo lo que envíe de una vez debe ocupar menos de { $total } MB, y cada documento menos de { $each } MB. Vuelva atrás, elija archivos más pequeños (o menos a la vez) y guarde de nuevo.
save-unreadable-title = No se ha podido leer el formulario
save-unreadable = Su navegador ha enviado el formulario de forma incompleta. Vuelva atrás y guarde de nuevo.
form-nothing-changed = No se ha cambiado nada. Complete al menos una de las secciones siguientes y guarde.
form-choose-file-again = Vuelva a elegir el archivo: los archivos no se conservan cuando hay que corregir otra cosa en la página.
form-choose-document = Elija qué documento va a añadir
form-choose-file = Elija el archivo que quiere subir (PDF, JPEG o PNG)
upload-empty = El archivo está vacío. Vuelva a elegir el archivo
upload-too-large = El archivo supera los { $count } MB. Elija un archivo más pequeño
upload-unknown-type = El archivo debe ser un PDF, JPEG o PNG

field-error-required = Complete el campo «{ $label }»
field-error-control-character = Contiene un carácter de control invisible (NUL) que no se puede guardar. Elimínelo e inténtelo de nuevo.
field-error-too-long = «{ $label }» debe tener { $max } caracteres como máximo
field-error-address-sids = Introduzca SID de dirección con el formato AD seguido de 32 letras y dígitos (0-9, a-f); no válidos: { $bad }
field-error-choice = Elija una de las opciones de «{ $label }»
field-error-email = Introduzca un correo electrónico como nombre@ejemplo.com
field-error-phone = Introduzca un número de teléfono en formato internacional, como +34612345678
field-error-format = «{ $label }» no tiene el formato esperado
field-error-url = Introduzca «{ $label }» como dirección web, por ejemplo https://www.ejemplo.es
field-error-date = Introduzca «{ $label }» como una fecha real, con día, mes y año
field-error-date-future = «{ $label }» no puede ser una fecha futura
field-url-hint = Su sitio web público o su página en una red social, por ejemplo https://www.ejemplo.es.
field-phone-hint = En formato internacional, empezando por + y el prefijo del país, por ejemplo +34612345678.
field-address-sids-label = SID de dirección
field-address-sids-hint = El SID de cada dirección (AD seguido de 32 letras y dígitos), tal como aparece en su consola de Twilio, en Addresses. Si son varios, sepárelos con comas.

failure-end-user-missing = { $whose ->
    [individual] Aún no tenemos sus datos personales. Complételos a continuación.
   *[other] Aún no tenemos los datos de su empresa. Complételos a continuación.
}
failure-end-user-field-missing = { $whose ->
    [individual] Faltan algunos de sus datos personales o están incompletos.
   *[other] Faltan algunos datos de su empresa o están incompletos.
}
failure-document-missing = Twilio necesita un documento: { $document }. Añádalo a continuación.
failure-document-field-missing = Faltan algunos datos del documento «{ $document }» o no coinciden exactamente con { $whose ->
    [individual] sus datos personales
   *[other] los datos de su empresa
}. Introdúzcalos exactamente como aparecen en el documento.
failure-document-field-mismatch = Los datos del documento «{ $document }» no coinciden con { $whose ->
    [individual] sus datos personales
   *[other] los datos de su empresa
}. Deben ser exactamente iguales.
failure-address-missing = Twilio necesita la dirección que figura en el documento «{ $document }», registrada como dirección en su cuenta de Twilio.
failure-not-met = Este requisito aún no se cumple.

status-submitted-title = Enviado a Twilio
status-in-review-title = Twilio está revisando su actualización
status-submitted-on = Envió la actualización el { $when }.
status-submitted-auto-on = No faltaba nada, así que se envió por usted el { $when }.
status-next-title = Próximos pasos
status-next-1 = El equipo de cumplimiento de Twilio revisa la información y los documentos. Suele tardar unas 24 horas hábiles, a veces algo más.
status-next-2 = Si Twilio la aprueba, trasladaremos la nueva información a sus números de teléfono y lo dejaremos todo en orden. No tiene que hacer nada más.
status-next-3 = Si Twilio solicita cambios, le avisaremos por correo electrónico y esta página le indicará exactamente qué debe corregir.
status-numbers-keep-working = Sus números de teléfono siguen funcionando durante la revisión.
status-rejected-documents = Documentos que Twilio no ha aceptado
status-fix-title = Cómo corregirlo
status-fix-1 = Abra la actualización y sustituya cada documento rechazado por una copia más legible o más reciente.
status-fix-2 = Corrija los datos que indica Twilio. Deben coincidir exactamente con sus documentos.
status-fix-3 = Guarde y vuelva a enviar la actualización para revisión.
status-waiting = Twilio necesita cierta información de su parte antes de la fecha límite.
status-approved = Twilio ha aprobado su actualización. Estamos trasladando la nueva información a sus números de teléfono; el proceso termina automáticamente en unos minutos.
status-completed-title = Todo listo
status-completed-since = Su paquete está al día desde el { $when }. Twilio ya no le fija ninguna fecha límite y sus números de teléfono siguen en servicio.
status-completed = Su paquete está al día. Twilio ya no le fija ninguna fecha límite y sus números de teléfono siguen en servicio.
status-completed-nothing-else = No tiene que hacer nada más. Le avisaremos por correo electrónico si Twilio vuelve a pedir algo.
status-expired-title = La fecha límite ha vencido
status-expired-on = La actualización no se aprobó antes del { $deadline }, por lo que Twilio ha marcado el paquete como rechazado. Los números de teléfono que dependen de él podrían dejar de funcionar o no poder renovarse.
status-expired = La actualización no se aprobó antes de la fecha límite, por lo que Twilio ha marcado el paquete como rechazado. Los números de teléfono que dependen de él podrían dejar de funcionar o no poder renovarse.
status-expired-what-now = Qué hacer ahora
status-expired-contact = Póngase en contacto cuanto antes con el equipo de soporte de su proveedor: puede abrir con usted un nuevo paquete y trasladar a él sus números.
status-email-support = Escribir a { $email }
status-reply-to-email = Responda a cualquiera de los correos que le hemos enviado sobre este paquete.
status-cancelled-title = Esta actualización se ha cancelado
status-cancelled = Su proveedor ha cancelado esta actualización, así que no hay nada que hacer aquí.
status-questions = ¿Tiene preguntas? Escriba a
status-on-it-title = Nos estamos ocupando
status-on-it = Nuestro equipo tiene que revisar algo antes de que esta actualización pueda continuar. No tiene que hacer nada: le avisaremos por correo electrónico en cuanto avance.
status-in-a-hurry = ¿Tiene prisa? Escriba a

checks-title = Comprobaciones de Twilio
checks-none = Twilio aún no ha comprobado esta actualización.
checks-lead = Cada vez que cambió su información, Twilio la comprobó según sus reglas. Las más recientes primero.
check-nothing-missing = No falta nada
check-something-needed = Aún falta algo
check-when-prepared = Al preparar la actualización
check-after-save = { $who ->
    [you] Después de que usted guardara cambios
    [support] Después de que nuestro equipo de soporte guardara cambios
    [user] Después de que { $user } guardara cambios
   *[other] Después de que nosotros guardáramos cambios
}
check-again = Comprobado de nuevo por { $who ->
    [you] usted
    [support] nuestro equipo de soporte
    [user] { $user }
   *[other] nosotros
}
check-after-rejection = Después de que la revisión de Twilio solicitara cambios
check-by = { $who ->
    [you] por usted
    [support] por nuestro equipo de soporte
    [user] por { $user }
   *[other] por nosotros
}
evidence-lead = Un registro de todo lo realizado en esta actualización:
evidence-pdf = descárguelo en PDF
evidence-json = o en JSON

change-verdict = Resultado: { $old } → { $new }
change-now-passes = { $requirement }: ahora se cumple
change-now-fails = { $requirement }: ya no se cumple
change-end-user-added = End-User { $name } añadido
change-value = { $field }: «{ $old }» → «{ $new }»
change-document-added = Documento «{ $name }» ({ $type }) añadido
change-document-removed = Documento «{ $name }» ({ $type }) eliminado

numbers-at-risk = { $count ->
    [one] Este número de teléfono dejará de funcionar el { $date } si no se actualiza este bundle.
   *[other] Estos { $count } números de teléfono dejarán de funcionar el { $date } si no se actualiza este bundle.
}
numbers-show = { $count ->
    [one] Ver el número
   *[other] Ver los { $count } números
}
status-provisional-title = Twilio ha aprobado provisionalmente su actualización
status-provisional-explained = Mientras tanto, sus números de teléfono siguen funcionando. Twilio aún debe dar su aprobación definitiva; en cuanto lo haga, aplicaremos la nueva información. No tiene que hacer nada.
