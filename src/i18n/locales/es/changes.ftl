# Lo que el cambio de normativa de Twilio pide a un paquete (los nombres de Twilio se mantienen).

whats-new-title = Novedades desde que se aprobó su paquete
whats-changed-title = Qué ha cambiado
whats-new-unknown = No habíamos visto esta normativa antes de que Twilio fijara la fecha límite, así que no podemos decir exactamente qué ha cambiado. Las secciones siguientes piden todo lo que Twilio necesita ahora.
whats-new-unchanged = Twilio ha fijado una fecha límite sin cambiar lo que pide: la información de este paquete solo debe revisarse y enviarse de nuevo.
whats-new-end-user-field = Un dato nuevo: { $field }
whats-new-document = Un documento nuevo: { $requirement } ({ $accepted })
whats-new-accepted = { $requirement } ahora también acepta: { $document }
whats-new-document-fields = { $document } ahora debe incluir: { $fields }
