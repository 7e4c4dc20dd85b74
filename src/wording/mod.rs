//! Every word the pages and emails put in front of people, in one place: [`customer`] for the
//! portal (plain words, Twilio's failures explained), [`staff`] for the admin pages (exact
//! UTC times, badges).

mod countries;
pub mod customer;
pub mod staff;
