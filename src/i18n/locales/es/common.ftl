# El marco de cada página de cliente, fechas, cuentas atrás y estados de renovación.

skip-to-content = Ir al contenido principal
nav-main = Principal
nav-my-bundles = Mis paquetes
nav-sign-out = Cerrar sesión
footer-default = { $product } mantiene al día ante Twilio la información de cumplimiento normativo de sus números de teléfono.
footer-help = Ayuda
language-switcher = Idioma

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $day } de { $month } de { $year }
date-time = { $date }, { $time } { $zone }

countdown-left = { $count ->
    [one] Queda 1 día
   *[other] Quedan { $count } días
}
countdown-today = Vence hoy
countdown-overdue = { $count ->
    [one] 1 día de retraso
   *[other] { $count } días de retraso
}

state-detected = Actualización necesaria
state-copy-created = En preparación
state-collecting = A la espera de su información
state-submitted = Enviado
state-in-review = En revisión en Twilio
state-rejected = Cambios solicitados
state-approved = Aprobado
state-finishing = Finalizando
state-completed = Completado
state-expired = Vencido
state-cancelled = Cancelado
state-needs-attention = Requiere atención

bundle-status-draft = Borrador
bundle-status-pending-review = Enviado a Twilio
bundle-status-in-review = En revisión en Twilio
bundle-status-twilio-approved = Aprobado por Twilio
bundle-status-twilio-rejected = Rechazado por Twilio
bundle-status-provisionally-approved = Aprobado provisionalmente
bundle-status-unknown = Desconocido

numbers-mobile = Números móviles
numbers-local = Números locales
numbers-national = Números nacionales
numbers-toll-free = Números gratuitos
numbers-any = Números de teléfono
regulation-in-country = { $numbers } { $where }
regulation-for-business = { $regulation }, para una empresa
regulation-for-individual = { $regulation }, para un particular

action-fix-and-resubmit = Corregir y volver a enviar
action-update-information = Actualizar la información

error-prefix = Error:
optional = (opcional)

submit-by-note = Envíelo antes del { $date }: Twilio necesita { $count ->
    [one] alrededor de un día hábil
   *[other] unos { $count } días hábiles
} para revisarlo.
submit-by-passed = Envíelo lo antes posible: la fecha para enviarlo, { $date }, ya pasó, y Twilio necesita { $count ->
    [one] alrededor de un día hábil
   *[other] unos { $count } días hábiles
} para revisarlo.
