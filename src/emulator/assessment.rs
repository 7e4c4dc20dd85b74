//! Evaluating a bundle: runs the catalogue's evaluation engine over the assigned items and
//! records the regulation version used.

use super::evaluation::{EvalDocument, EvalEndUser, evaluate};
use super::model::Evaluation;
use super::sid::new_sid;
use super::store::Store;

impl Store {
    /// Evaluates a bundle against its regulation's current version, without storing the result.
    /// `None` when the bundle or its regulation is unknown.
    pub fn assess_bundle(&self, bundle_sid: &str) -> Option<Evaluation> {
        let bundle = self.bundles.get(bundle_sid)?;
        let regulation = self.catalogue.regulation(&bundle.regulation_sid)?;
        let (end_users, documents) = self.assigned_items(bundle_sid);
        let end_users: Vec<EvalEndUser<'_>> = end_users
            .iter()
            .map(|e| EvalEndUser {
                end_user_type: &e.end_user_type,
                attributes: &e.attributes,
            })
            .collect();
        let documents: Vec<EvalDocument<'_>> = documents
            .iter()
            .map(|d| EvalDocument {
                document_type: &d.document_type,
                attributes: &d.attributes,
            })
            .collect();
        let outcome = evaluate(regulation, &end_users, &documents);
        let evaluation = Evaluation {
            seq: 0,
            sid: new_sid("EL"),
            account_sid: bundle.account_sid.clone(),
            regulation_sid: regulation.sid.clone(),
            regulation_version: regulation.version,
            bundle_sid: bundle_sid.to_owned(),
            status: if outcome.compliant {
                "compliant"
            } else {
                "noncompliant"
            }
            .to_owned(),
            results: outcome.results,
            date_created: self.now(),
        };
        Some(evaluation)
    }

    /// Evaluates a bundle and stores the evaluation.
    pub fn evaluate_and_store(&mut self, bundle_sid: &str) -> Option<Evaluation> {
        let mut evaluation = self.assess_bundle(bundle_sid)?;
        evaluation.seq = self.next_seq();
        self.evaluations
            .insert(evaluation.sid.clone(), evaluation.clone());
        Some(evaluation)
    }

    /// The latest stored evaluation of a bundle.
    pub fn latest_evaluation(&self, bundle_sid: &str) -> Option<&Evaluation> {
        self.evaluations_of(bundle_sid).into_iter().last()
    }
}
