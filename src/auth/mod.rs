//! Authentication helpers shared by the customer portal and the admin view.

pub mod csrf;
pub mod customer;
pub mod magic_link;
pub mod staff;
