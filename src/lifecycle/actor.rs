//! Who asks the engine to do something, and how that reads on the timeline.

use crate::domain::renewal::Cause;

/// The person or process behind an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// An end customer (signed in by magic link).
    Customer {
        /// Their address.
        email: String,
    },
    /// ISV support staff.
    Staff {
        /// Their name.
        name: String,
    },
    /// recomply itself: `"sweep"`, `"webhook"`, or a job name.
    System(&'static str),
}

impl Actor {
    /// The timeline cause.
    pub fn cause(&self) -> Cause {
        match self {
            Self::Customer { .. } => Cause::Customer,
            Self::Staff { .. } => Cause::Staff,
            Self::System("sweep") => Cause::Sweep,
            Self::System("webhook") => Cause::Webhook,
            Self::System(_) => Cause::Job,
        }
    }

    /// The timeline's `actor` text.
    pub fn name(&self) -> &str {
        match self {
            Self::Customer { email } => email,
            Self::Staff { name } => name,
            Self::System(job) => job,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_map_to_timeline_causes() {
        let customer = Actor::Customer {
            email: "jane@example.com".into(),
        };
        assert_eq!(customer.cause(), Cause::Customer);
        assert_eq!(customer.name(), "jane@example.com");
        assert_eq!(Actor::Staff { name: "Sam".into() }.cause(), Cause::Staff);
        assert_eq!(Actor::System("sweep").cause(), Cause::Sweep);
        assert_eq!(Actor::System("webhook").cause(), Cause::Webhook);
        assert_eq!(Actor::System("poll_renewal").cause(), Cause::Job);
    }
}
