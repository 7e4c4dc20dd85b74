# La page d'accueil.

home-title = Gardez vos numéros de téléphone conformes
home-nav-sign-in = Espace client
home-nav-staff = Équipe interne
home-heading = Gardez vos numéros de téléphone conformes, sans courir après les formalités.
home-lead = Lorsque Twilio modifie une réglementation, les informations associées à vos numéros de téléphone doivent être mises à jour avant une date limite. { $product } repère ce qui doit être mis à jour, vous indique précisément quels champs et documents manquent, et s'occupe de tout le reste.
home-sign-in-button = Se connecter avec votre e-mail
home-how-it-works = Comment ça marche
home-step-1-title = 1. Nous le repérons
home-step-1 = { $product } vérifie chaque jour les bundles de conformité de vos numéros et ouvre un renouvellement dès que Twilio fixe une date limite.
home-step-2-title = 2. Vous complétez ce qui manque
home-step-2 = Une seule page indique précisément ce que Twilio demande, en termes simples, avec vos informations actuelles déjà préremplies.
home-step-3-title = 3. Nous finalisons
home-step-3 = Une fois l'approbation de Twilio obtenue, { $product } transfère les nouvelles informations sur vos numéros et fait le ménage. Vous n'avez rien d'autre à faire.
