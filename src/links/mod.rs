//! Sign-in links: single-use tokens sent by email that sign a customer in (to the portal, or
//! straight to one renewal), and the email that carries them. Issued by the portal's sign-in
//! page, by staff, by the API and by renewal notifications; only a hash of each token is
//! stored.

pub mod link_email;
pub mod magic_link;
