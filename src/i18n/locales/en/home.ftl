# The landing page.

home-title = Keep your phone numbers compliant
home-nav-sign-in = Customer sign-in
home-nav-staff = Staff
home-heading = Keep your phone numbers compliant, without the paperwork chase.
home-lead = When Twilio changes a regulation, the information behind your phone numbers has to be updated before a deadline. { $product } finds what needs updating, tells you exactly which fields and documents are missing, and takes care of everything else.
home-sign-in-button = Sign in with your email
home-how-it-works = How it works
home-step-1-title = 1. We spot it
home-step-1 = { $product } checks your numbers' compliance bundles every day and opens a renewal the moment Twilio sets a deadline.
home-step-2-title = 2. You fill in what's missing
home-step-2 = One page lists exactly what Twilio asks for, in plain words, with your current details already filled in.
home-step-3-title = 3. We finish the job
home-step-3 = After Twilio approves, { $product } moves the new information onto your numbers and cleans up. Nothing else to do.
